/**
 * Model-based property test (fast-check commands): random sequences of every operation against a
 * small reference model. After every step the invariants of spec §2–§4 hold, the indexes agree
 * with the entities, the change set replays to the new state, relation ids only grow, and a
 * refused operation leaves the state untouched.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import fc from 'fast-check';

import { commitBagWrite } from '../operations/bag-write.js';
import { addUnit } from '../operations/add-unit.js';
import { deploy } from '../operations/deploy.js';
import { integrate } from '../operations/integrate.js';
import { setLeader } from '../operations/leadership.js';
import { removeApplication } from '../operations/remove-application.js';
import { removeRelation } from '../operations/remove-relation.js';
import { removeUnit, unitDead } from '../operations/remove-unit.js';
import { enterScope, leaveScope } from '../operations/scope.js';
import {
  destroyOrphanedSubordinate,
  destroySubordinates,
  subordinateIsOrphaned,
} from '../operations/subordinates.js';
import { setUnitStatus } from '../operations/unit-status.js';
import { CHARMS } from '../test-support/scenario-charms.js';
import { checkInvariants, entitiesOf } from '../test-support/model-invariants.js';
import { applyChanges } from './apply-changes.js';
import { compareNames } from './keys.js';
import { emptyModel } from './model-state.js';
import type { ModelState } from './model-state.js';
import type { OperationResult } from './refusal.js';

type CharmName = keyof typeof CHARMS;

/** An operation with its targets given as positions in the current model's sorted lists. */
type Intent =
  | { op: 'deploy'; name: string; charm: CharmName; units: number }
  | { op: 'add-unit' | 'remove-application'; app: number; units: number }
  | {
      op: 'remove-unit' | 'start' | 'dead' | 'destroy-subordinates' | 'destroy-orphan';
      unit: number;
    }
  | { op: 'integrate'; names: [number, number]; endpoints: [number, number] }
  | { op: 'remove-relation'; relation: number; byId: boolean }
  | { op: 'enter-scope' | 'leave-scope'; unit: number; relation: number }
  | {
      op: 'write';
      relation: number;
      unit: number;
      application: boolean;
      key: string;
      value: string;
    }
  | { op: 'leader'; app: number; unit: number };

/** What the reference model remembers between steps. */
interface Reference {
  /** Every relation id ever seen: an id that went away must never come back (R2.19). */
  readonly seenRelationIds: Set<number>;
  readonly removedRelationIds: Set<number>;
}

interface Real {
  state: ModelState;
}

function pick<T>(items: readonly T[], position: number): T | undefined {
  return items.length === 0 ? undefined : items[position % items.length];
}

const sorted = (names: Iterable<string>) => [...names].sort(compareNames);

function apply(state: ModelState, intent: Intent): OperationResult<unknown> | undefined {
  const apps = sorted(state.applications.keys());
  const units = sorted(state.units.keys());
  const relations = [...state.relations.keys()].sort((a, b) => a - b);
  switch (intent.op) {
    case 'deploy':
      return deploy(state, {
        application: intent.name,
        charm: CHARMS[intent.charm],
        numUnits: intent.units,
      });
    case 'add-unit': {
      const application = pick(apps, intent.app);
      return application === undefined
        ? undefined
        : addUnit(state, { application, numUnits: intent.units });
    }
    case 'remove-application': {
      const application = pick(apps, intent.app);
      return application === undefined ? undefined : removeApplication(state, { application });
    }
    case 'integrate': {
      const names = intent.names.map((position, side) => {
        const application = pick(apps, position);
        const endpoints =
          application === undefined
            ? []
            : (state.applications.get(application)?.charm.endpoints ?? []);
        const endpoint = pick(
          ['', ...endpoints.map((e) => e.name), 'juju-info'],
          intent.endpoints[side] ?? 0,
        );
        return endpoint === '' || endpoint === undefined
          ? (application ?? 'none')
          : `${application ?? 'none'}:${endpoint}`;
      });
      return integrate(state, { endpoints: names });
    }
    case 'remove-relation': {
      const id = pick(relations, intent.relation);
      if (id === undefined) return undefined;
      const relation = state.relations.get(id);
      if (intent.byId || relation?.endpoints.length !== 2)
        return removeRelation(state, { relationId: id });
      return removeRelation(state, {
        endpoints: relation.endpoints.map((e) => `${e.application}:${e.name}`),
      });
    }
    case 'enter-scope': {
      const unit = pick(units, intent.unit);
      const relationId = pick(relations, intent.relation);
      if (unit === undefined || relationId === undefined) return undefined;
      return enterScope(state, { unit, relationId, ingressAddress: `10.1.0.${intent.unit % 200}` });
    }
    case 'leave-scope': {
      const member = pick(memberships(state), intent.unit);
      return member === undefined ? undefined : leaveScope(state, member);
    }
    case 'write': {
      // Mostly writes by units in scope, so that most writes apply.
      const member = pick(memberships(state), intent.unit);
      const unit = member?.unit ?? pick(units, intent.unit);
      const relationId = member?.relationId ?? pick(relations, intent.relation);
      const application = unit === undefined ? undefined : state.units.get(unit)?.application;
      if (unit === undefined || relationId === undefined || application === undefined)
        return undefined;
      return commitBagWrite(state, {
        relationId,
        owner: intent.application ? { kind: 'application', application } : { kind: 'unit', unit },
        settings: new Map([[intent.key, intent.value]]),
      });
    }
    case 'leader': {
      const application = pick(apps, intent.app);
      const unit = pick(units, intent.unit);
      return application === undefined
        ? undefined
        : setLeader(state, unit === undefined ? { application } : { application, unit });
    }
    default: {
      const unit = pick(candidatesFor(state, intent.op, units), intent.unit);
      if (unit === undefined) return undefined;
      switch (intent.op) {
        case 'remove-unit':
          return removeUnit(state, { units: [unit] });
        case 'start':
          return setUnitStatus(state, { unit, agent: { current: 'idle', message: '' } });
        case 'dead':
          return unitDead(state, { unit });
        case 'destroy-subordinates':
          return destroySubordinates(state, { principal: unit });
        case 'destroy-orphan':
          return destroyOrphanedSubordinate(state, { unit });
      }
    }
  }
}

/** Every (unit, relation) membership of the model. */
function memberships(state: ModelState): { unit: string; relationId: number }[] {
  return [...state.memberships].flatMap(([relationId, members]) =>
    sorted(members.keys()).map((unit) => ({ unit, relationId })),
  );
}

/** The units an operation is most meaningful for; all units when there are none. */
function candidatesFor(state: ModelState, op: Intent['op'], units: string[]): string[] {
  const relevant = units.filter((name) => {
    const unit = state.units.get(name);
    if (op === 'dead') return unit?.life === 'dying';
    if (op === 'destroy-orphan') return subordinateIsOrphaned(state, name);
    if (op === 'destroy-subordinates') return state.index.subordinates.has(name);
    return true;
  });
  return relevant.length > 0 ? relevant : units;
}

/** How many steps of each kind applied with changes, over all runs. */
const applied = new Map<Intent['op'], number>();

class Step implements fc.Command<Reference, Real> {
  constructor(private readonly intent: Intent) {}

  check(): boolean {
    return true;
  }

  run(reference: Reference, real: Real): void {
    const before = real.state;
    const snapshot = JSON.stringify(entitiesOf(before));
    const sequenceBefore = before.sequences.relation;
    const result = apply(before, this.intent);
    // Nothing an operation does may touch the state it was given, applied or refused.
    assert.equal(JSON.stringify(entitiesOf(before)), snapshot, 'the input state was mutated');
    if (!result?.ok) return;
    if (result.changes.length > 0)
      applied.set(this.intent.op, (applied.get(this.intent.op) ?? 0) + 1);
    const after = result.state;
    assert.ok(after.sequences.relation >= sequenceBefore, 'the relation sequence went back');
    for (const id of after.relations.keys()) {
      assert.ok(!reference.removedRelationIds.has(id), `relation id ${id} was reused`);
      if (!reference.seenRelationIds.has(id)) {
        assert.ok(id >= sequenceBefore, `new relation ${id} below the sequence ${sequenceBefore}`);
        reference.seenRelationIds.add(id);
      }
    }
    for (const id of reference.seenRelationIds)
      if (!after.relations.has(id)) reference.removedRelationIds.add(id);
    checkInvariants(after);
    assert.deepEqual(
      entitiesOf(applyChanges(before, result.changes)),
      entitiesOf(after),
      'the change set does not replay',
    );
    real.state = after;
  }

  toString(): string {
    return JSON.stringify(this.intent);
  }
}

const position = fc.noBias(fc.nat({ max: 40 }));
/** Mostly a bare application name, so that inference has a real choice to make. */
const endpointChoice = fc.oneof(
  { arbitrary: fc.constant(0), weight: 3 },
  { arbitrary: position, weight: 1 },
);
/** Charms that relate to each other come up more often than the peer-only ones. */
const charm = fc.constantFrom<CharmName>(
  'dbcharm',
  'dbcharm',
  'dbcharm2',
  'webcharm',
  'webcharm',
  'webcharmLimited',
  'logsrc',
  'logsrc',
  'logger',
  'logger',
  'plaincharm',
  'clustercharm',
  'twopeers',
);
const unitStep = (
  op: 'remove-unit' | 'start' | 'dead' | 'destroy-subordinates' | 'destroy-orphan',
) => fc.record({ op: fc.constant(op), unit: position });

/** Each operation with a weight: how many times it appears in the list fast-check draws from. */
const weighted: [fc.Arbitrary<Intent>, number][] = [
  [
    fc.record({
      op: fc.constant('deploy' as const),
      name: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'Bad_Name'),
      charm,
      units: fc.integer({ min: 0, max: 3 }),
    }),
    3,
  ],
  [
    fc.record({
      op: fc.constant('add-unit' as const),
      app: position,
      units: fc.integer({ min: 0, max: 2 }),
    }),
    2,
  ],
  [
    fc.record({
      op: fc.constant('remove-application' as const),
      app: position,
      units: fc.constant(0),
    }),
    1,
  ],
  [unitStep('start'), 3],
  [unitStep('remove-unit'), 1],
  [unitStep('dead'), 2],
  [unitStep('destroy-subordinates'), 2],
  [unitStep('destroy-orphan'), 2],
  [
    fc.record({
      op: fc.constant('integrate' as const),
      names: fc.tuple(position, position),
      endpoints: fc.tuple(endpointChoice, endpointChoice),
    }),
    5,
  ],
  [
    fc.record({
      op: fc.constant('remove-relation' as const),
      relation: position,
      byId: fc.boolean(),
    }),
    1,
  ],
  [fc.record({ op: fc.constant('enter-scope' as const), unit: position, relation: position }), 5],
  [fc.record({ op: fc.constant('leave-scope' as const), unit: position, relation: position }), 2],
  [
    fc.record({
      op: fc.constant('write' as const),
      relation: position,
      unit: position,
      application: fc.boolean(),
      key: fc.constantFrom('a', 'b', 'private-address'),
      value: fc.constantFrom('', 'x', 'y'),
    }),
    3,
  ],
  [fc.record({ op: fc.constant('leader' as const), app: position, unit: position }), 2],
];
const intents = weighted.flatMap(([arbitrary, weight]) =>
  Array<fc.Arbitrary<Intent>>(weight).fill(arbitrary),
);

/** Where every run starts: applications that can relate in several ways, built by operations. */
function baseModel(): ModelState {
  let state = emptyModel('random');
  const base: [string, CharmName, number][] = [
    ['db', 'dbcharm', 2],
    ['web', 'webcharm', 2],
    ['src', 'logsrc', 2],
    ['logger', 'logger', 0],
    ['cluster', 'clustercharm', 2],
  ];
  for (const [application, charmName, numUnits] of base) {
    const result = deploy(state, { application, charm: CHARMS[charmName], numUnits });
    assert.ok(result.ok);
    state = result.state;
  }
  return state;
}

describe('the model engine under random operations', () => {
  it('keeps every invariant, replays its change sets and never reuses a relation id', () => {
    fc.assert(
      fc.property(
        fc.commands(
          intents.map((intent) => intent.map((value) => new Step(value))),
          { maxCommands: 120, size: 'large' },
        ),
        (commands) => {
          fc.modelRun(() => {
            const state = baseModel();
            const seenRelationIds = new Set(state.relations.keys());
            return {
              model: { seenRelationIds, removedRelationIds: new Set<number>() },
              real: { state },
            };
          }, commands);
        },
      ),
      { numRuns: 300, includeErrorInReport: true },
    );
    // The generator must reach every operation, or the property says little.
    const kinds: Intent['op'][] = [
      'deploy',
      'add-unit',
      'remove-application',
      'remove-unit',
      'start',
      'dead',
      'destroy-subordinates',
      'destroy-orphan',
      'integrate',
      'remove-relation',
      'enter-scope',
      'leave-scope',
      'write',
      'leader',
    ];
    for (const kind of kinds)
      assert.ok(
        (applied.get(kind) ?? 0) >= 5,
        `only ${applied.get(kind) ?? 0} ${kind} steps applied`,
      );
  });
});
