/**
 * Model-based property test of the uniter (Step 3): random operator actions (deploy, add/remove
 * units, integrate, remove relations and applications, leader changes, writes from inside hooks,
 * injected hook failures with resolve, agent restarts, partial stepping) under a seeded random
 * stepping order. At every step the incremental resolver must agree with the pure one; after every
 * settle every unit's hook log keeps the invariants of spec §5 and the model has converged.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import fc from 'fast-check';

import { compareNames } from '../model/keys.js';
import { setLeader } from '../operations/leadership.js';
import { checkConvergence, checkHookLog } from '../test-support/hook-log-invariants.js';
import { CHARMS, FIXTURE_CHARM_NAMES } from '../test-support/scenario-charms.js';
import type { HookContext } from '../hook-context/hook-context.js';
import { OperationRefusedError } from './simulation-error.js';
import { Simulator } from './simulator.js';

type CharmName = keyof typeof CHARMS;

/** Everything a run remembers outside the simulator: what handlers observed and were told. */
interface World {
  readonly sim: Simulator;
  /** unit → relation-list seen by each executed hook (undefined for non-relation hooks). */
  readonly observed: Map<string, (readonly string[] | undefined)[]>;
  /** unit → real writes its handler may still make. */
  readonly writes: Map<string, number>;
  /** unit → hooks that must fail. */
  readonly failures: Map<string, number>;
  tick: number;
}

const FIXTURES = FIXTURE_CHARM_NAMES;

function behave(world: World, context: HookContext): void {
  const unit = context.unit;
  const relation = context.hook?.relation;
  const list = world.observed.get(unit) ?? [];
  list.push(relation === undefined ? undefined : context.relationList());
  world.observed.set(unit, list);
  const failures = world.failures.get(unit) ?? 0;
  if (failures > 0) {
    world.failures.set(unit, failures - 1);
    throw new Error('injected failure');
  }
  const budget = world.writes.get(unit) ?? 0;
  if (relation === undefined || budget === 0) return;
  world.writes.set(unit, budget - 1);
  // Values cycle through a small set, so some writes are null writes (R4.6).
  const value = String(budget % 3);
  context.relationSet(new Map([['k', value]]));
  if (context.isLeader()) context.relationSet(new Map([['a', value]]), { app: true });
}

function sortedUnits(sim: Simulator): string[] {
  return [...sim.state.units.keys()].sort(compareNames);
}

function pick<T>(items: readonly T[], position: number): T | undefined {
  return items.length === 0 ? undefined : items[position % items.length];
}

/** Runs an operator action; Juju's refusals are fine, anything else is a failure. */
function tolerant(action: () => unknown): void {
  try {
    action();
  } catch (error) {
    if (!(error instanceof OperationRefusedError)) throw error;
  }
}

function checkLogs(world: World): void {
  for (const unit of world.sim.units()) {
    checkHookLog(unit, world.sim.hooks(unit), world.observed.get(unit) ?? []);
  }
}

function settle(world: World): void {
  world.sim.settle({ maxOperations: 50_000 });
  checkLogs(world);
  checkConvergence(world.sim);
}

type Action = (world: World) => void;

const position = fc.noBias(fc.nat({ max: 30 }));
const actions: [fc.Arbitrary<Action>, number][] = [
  [
    fc
      .record({
        name: fc.constantFrom('a', 'b', 'c'),
        charm: fc.constantFrom<CharmName>(
          'dbcharm',
          'webcharm',
          'clustercharm',
          'logsrc',
          'logger',
          'plaincharm',
        ),
        units: fc.nat({ max: 2 }),
      })
      .map(({ name, charm, units }) => (world: World) => {
        tolerant(() =>
          world.sim.deploy({
            application: name,
            charm: CHARMS[charm],
            numUnits: CHARMS[charm].subordinate ? 0 : units,
          }),
        );
      }),
    2,
  ],
  [
    position.map((app) => (world: World) => {
      const application = pick([...world.sim.state.applications.keys()].sort(), app);
      if (application !== undefined) tolerant(() => world.sim.addUnit({ application }));
    }),
    2,
  ],
  [
    position.map((unit) => (world: World) => {
      const name = pick(sortedUnits(world.sim), unit);
      if (name !== undefined)
        tolerant(() => {
          world.sim.removeUnit(name);
        });
    }),
    1,
  ],
  [
    position.map((app) => (world: World) => {
      const application = pick([...world.sim.state.applications.keys()].sort(), app);
      if (application !== undefined)
        tolerant(() => {
          world.sim.removeApplication(application);
        });
    }),
    1,
  ],
  [
    fc.tuple(position, position).map(([a, b]) => (world: World) => {
      const apps = [...world.sim.state.applications.keys()].sort();
      const first = pick(apps, a);
      const second = pick(apps, b);
      if (first !== undefined && second !== undefined)
        tolerant(() => world.sim.integrate(first, second));
    }),
    4,
  ],
  [
    position.map((relation) => (world: World) => {
      const id = pick(
        [...world.sim.state.relations.keys()].sort((x, y) => x - y),
        relation,
      );
      if (id !== undefined)
        tolerant(() => {
          world.sim.removeRelation({ relationId: id });
        });
    }),
    1,
  ],
  [
    fc.tuple(position, fc.integer({ min: 1, max: 4 })).map(([unit, count]) => (world: World) => {
      const name = pick(sortedUnits(world.sim), unit);
      const application =
        name === undefined ? undefined : world.sim.state.units.get(name)?.application;
      if (name === undefined || application === undefined) return;
      world.writes.set(name, count);
      world.tick += 1;
      tolerant(() => {
        world.sim.configure(application, { tick: world.tick });
      });
    }),
    3,
  ],
  [
    fc.tuple(position, position).map(([app, unit]) => (world: World) => {
      const application = pick([...world.sim.state.applications.keys()].sort(), app);
      const leader = pick(
        sortedUnits(world.sim).filter((name) => name.startsWith(`${application ?? ''}/`)),
        unit,
      );
      if (application !== undefined && leader !== undefined)
        tolerant(() => {
          world.sim.run((state) => setLeader(state, { application, unit: leader }));
        });
    }),
    1,
  ],
  [
    position.map((unit) => (world: World) => {
      const name = pick(sortedUnits(world.sim), unit);
      if (name !== undefined) world.failures.set(name, 1);
    }),
    3,
  ],
  [
    fc.tuple(position, fc.boolean()).map(([unit, retry]) => (world: World) => {
      const failed = sortedUnits(world.sim).filter(
        (name) => world.sim.uniterState(name)?.failed !== undefined,
      );
      const name = pick(failed, unit);
      if (name !== undefined) world.sim.resolve(name, retry ? 'retry' : 'skip');
    }),
    2,
  ],
  [
    position.map((unit) => (world: World) => {
      const name = pick(
        sortedUnits(world.sim).filter(
          (candidate) => world.sim.uniterState(candidate) !== undefined,
        ),
        unit,
      );
      if (name !== undefined) world.sim.restartAgent(name);
    }),
    1,
  ],
  [
    fc.integer({ min: 1, max: 25 }).map((steps) => (world: World) => {
      for (let step = 0; step < steps && world.sim.step(); step += 1);
    }),
    3,
  ],
  [
    fc.constant((world: World) => {
      settle(world);
    }),
    2,
  ],
];

const plan = fc.array(fc.oneof(...actions.map(([arbitrary, weight]) => ({ arbitrary, weight }))), {
  minLength: 1,
  maxLength: 25,
});

function newWorld(seed: number): World {
  const world: World = {
    sim: new Simulator({ stepping: { kind: 'random', seed }, crossCheckResolver: true }),
    observed: new Map(),
    writes: new Map(),
    failures: new Map(),
    tick: 0,
  };
  for (const charm of FIXTURES)
    world.sim.charm(charm, (context) => {
      behave(world, context);
    });
  world.sim.deploy({ application: 'db', charm: CHARMS.dbcharm });
  world.sim.deploy({ application: 'app', charm: CHARMS.webcharm, numUnits: 2 });
  world.sim.deploy({ application: 'peer', charm: CHARMS.clustercharm, numUnits: 2 });
  world.sim.deploy({ application: 'src', charm: CHARMS.logsrc });
  world.sim.deploy({ application: 'log', charm: CHARMS.logger });
  world.sim.integrate('app', 'db');
  world.sim.integrate('src', 'log');
  return world;
}

describe('the uniter under random operations and interleavings', () => {
  it('keeps the hook invariants of spec 5 and converges, with both resolvers agreeing', () => {
    fc.assert(
      fc.property(fc.integer(), plan, (seed, steps) => {
        const world = newWorld(seed);
        for (const step of steps) step(world);
        // Finally: no more injected failures, every error resolved, everything settled.
        world.failures.clear();
        settle(world);
        for (const unit of sortedUnits(world.sim)) {
          if (world.sim.uniterState(unit)?.failed !== undefined) world.sim.resolve(unit, 'retry');
        }
        settle(world);
        assert.deepEqual(world.sim.settle().unitsInError, []);
      }),
      { numRuns: 1000, includeErrorInReport: true },
    );
  });
});
