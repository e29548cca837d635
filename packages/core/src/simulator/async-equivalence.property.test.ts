/**
 * Model-based property: the async path of the simulator (settleAsync, with handlers that await
 * between their reads and writes) runs the same hooks, in the same order, with the same outcomes
 * and leaves the same bags as the synchronous path, for random operator sequences with writes
 * from inside hooks and injected failures under a seeded random stepping order. Charms written on
 * an async SDK (@loom/ops through @loom/testing) therefore get exactly the engine's hooks.
 */
import assert from 'node:assert/strict';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, it } from 'node:test';

import fc from 'fast-check';

import type { HookContext } from '../hook-context/hook-context.js';
import { CHARMS } from '../test-support/scenario-charms.js';
import { describeHook } from './hook-record.js';
import { OperationRefusedError } from './simulation-error.js';
import { Simulator } from './simulator.js';

/**
 * What one unit does in a hook: read, maybe fail, and write a value that cycles (so some writes
 * change nothing, R4.6), at most WRITES times, so that the model settles.
 */
const WRITES = 3;

interface Plan {
  readonly failures: Map<string, number>;
  readonly counts: Map<string, number>;
}

function act(plan: Plan, context: HookContext): void {
  const unit = context.unit;
  const failures = plan.failures.get(unit) ?? 0;
  if (failures > 0) {
    plan.failures.set(unit, failures - 1);
    throw new Error('injected failure');
  }
  if (context.hook?.relation === undefined) return;
  context.relationList();
  const count = (plan.counts.get(unit) ?? 0) + 1;
  plan.counts.set(unit, count);
  if (count > WRITES) return;
  context.relationSet(new Map([['k', String(count % 3)]]));
}

type Operation =
  | {
      readonly kind: 'deploy';
      readonly app: string;
      readonly charm: 'dbcharm' | 'webcharm' | 'clustercharm';
      readonly units: number;
    }
  | { readonly kind: 'add-unit'; readonly at: number }
  | { readonly kind: 'remove-unit'; readonly at: number }
  | { readonly kind: 'integrate'; readonly first: number; readonly second: number }
  | { readonly kind: 'remove-relation'; readonly at: number }
  | { readonly kind: 'fail'; readonly at: number }
  | { readonly kind: 'resolve'; readonly at: number };

const at = fc.nat({ max: 20 });
const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({
    kind: fc.constant('deploy' as const),
    app: fc.constantFrom('a', 'b', 'c'),
    charm: fc.constantFrom('dbcharm' as const, 'webcharm' as const, 'clustercharm' as const),
    units: fc.integer({ min: 1, max: 2 }),
  }),
  fc.record({ kind: fc.constant('add-unit' as const), at }),
  fc.record({ kind: fc.constant('remove-unit' as const), at }),
  fc.record({ kind: fc.constant('integrate' as const), first: at, second: at }),
  fc.record({ kind: fc.constant('remove-relation' as const), at }),
  fc.record({ kind: fc.constant('fail' as const), at }),
  fc.record({ kind: fc.constant('resolve' as const), at }),
);

function pick<T>(items: readonly T[], position: number): T | undefined {
  return items.length === 0 ? undefined : items[position % items.length];
}

/** Applies an operator action; Juju's refusals are part of the game. */
function apply(
  sim: Simulator,
  plan: Plan,
  op: Operation,
  handler: (c: HookContext) => void | Promise<void>,
): void {
  const apps = [...sim.state.applications.keys()].sort();
  const units = [...sim.state.units.keys()].sort();
  try {
    switch (op.kind) {
      case 'deploy':
        sim.deploy({
          application: op.app,
          charm: CHARMS[op.charm],
          numUnits: op.units,
          handler,
        });
        return;
      case 'add-unit': {
        const application = pick(apps, op.at);
        if (application !== undefined) sim.addUnit({ application });
        return;
      }
      case 'remove-unit': {
        const unit = pick(units, op.at);
        if (unit !== undefined) sim.removeUnit(unit);
        return;
      }
      case 'integrate': {
        const first = pick(apps, op.first);
        const second = pick(apps, op.second);
        if (first !== undefined && second !== undefined) sim.integrate(first, second);
        return;
      }
      case 'remove-relation': {
        const id = pick(
          [...sim.state.relations.keys()].sort((x, y) => x - y),
          op.at,
        );
        if (id !== undefined) sim.removeRelation({ relationId: id });
        return;
      }
      case 'fail': {
        const unit = pick(units, op.at);
        if (unit !== undefined) plan.failures.set(unit, 1);
        return;
      }
      case 'resolve': {
        const unit = pick(units, op.at);
        if (unit !== undefined && sim.uniterState(unit)?.failed !== undefined) sim.resolve(unit);
        return;
      }
    }
  } catch (error) {
    if (!(error instanceof OperationRefusedError)) throw error;
  }
}

/** Every unit's hooks with their outcomes, and every bag. */
function observe(sim: Simulator): unknown {
  const hooks = sim
    .units()
    .map((unit) => [
      unit,
      sim.hooks(unit).map((record) => `${describeHook(record.hook)} ${record.outcome}`),
    ]);
  const bags = [...sim.state.bags].map(([id, bags]) => [
    id,
    [...bags.units].map(([unit, bag]) => [unit, [...bag.values]]),
    [...bags.applications].map(([app, bag]) => [app, [...bag.values]]),
  ]);
  return { hooks, bags };
}

describe('the async simulator path', () => {
  it('runs the same hooks and leaves the same bags as the synchronous path', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(operation, { minLength: 1, maxLength: 4 }), {
          minLength: 1,
          maxLength: 6,
        }),
        fc.integer({ min: 1, max: 1_000_000 }),
        async (rounds, seed) => {
          const syncPlan: Plan = { failures: new Map(), counts: new Map() };
          const asyncPlan: Plan = { failures: new Map(), counts: new Map() };
          const sync = new Simulator({ stepping: { kind: 'random', seed } });
          const async = new Simulator({ stepping: { kind: 'random', seed } });
          const syncHandler = (context: HookContext) => {
            act(syncPlan, context);
          };
          const asyncHandler = async (context: HookContext) => {
            await nextTurn();
            act(asyncPlan, context);
          };
          for (const round of rounds) {
            for (const op of round) {
              apply(sync, syncPlan, op, syncHandler);
              apply(async, asyncPlan, op, asyncHandler);
            }
            sync.settle({ maxOperations: 20_000 });
            await async.settleAsync({ maxOperations: 20_000 });
            assert.deepEqual(observe(async), observe(sync));
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
