/**
 * Model-based property test of the cross-model exchange (§8): random operator actions on two
 * models — units added and removed on both sides, the relation made and removed from either side,
 * suspended and resumed, bag writes from hooks — interleaved at random with partial stepping of
 * each model and single exchange steps. Once everything settles, each half of every cross-model
 * relation must hold exactly what the other half sends (R8.5), every hook log keeps the
 * invariants of §5, and both models keep theirs.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import fc from 'fast-check';

import { consumableOffer } from '../cross-model/consumable-offer.js';
import { relationCrossing } from '../cross-model/crossing.js';
import { remoteMembers, remoteUnitName } from '../cross-model/remote-units.js';
import type { HookContext } from '../hook-context/hook-context.js';
import { consume } from '../operations/consume.js';
import { integrate } from '../operations/integrate.js';
import { offer } from '../operations/offer.js';
import { removeRelation } from '../operations/remove-relation.js';
import { setRelationSuspended } from '../operations/suspend-relation.js';
import { checkConvergence, checkHookLog } from '../test-support/hook-log-invariants.js';
import { LinkedSimulators } from '../test-support/linked-simulators.js';
import { CHARMS, FIXTURE_CHARM_NAMES } from '../test-support/scenario-charms.js';
import type { Simulator } from './simulator.js';

type Action =
  | { readonly kind: 'add-unit'; readonly model: 'prod' | 'web' }
  | { readonly kind: 'remove-unit'; readonly model: 'prod' | 'web'; readonly pick: number }
  | { readonly kind: 'integrate' }
  | { readonly kind: 'remove-relation'; readonly model: 'prod' | 'web' }
  | { readonly kind: 'suspend'; readonly suspended: boolean }
  | { readonly kind: 'write'; readonly model: 'prod' | 'web' }
  | { readonly kind: 'exchange' }
  | { readonly kind: 'step'; readonly model: 'prod' | 'web'; readonly steps: number };

const model = fc.constantFrom<'prod' | 'web'>('prod', 'web');
const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ kind: fc.constant('add-unit' as const), model }),
  fc.record({ kind: fc.constant('remove-unit' as const), model, pick: fc.nat(5) }),
  fc.constant({ kind: 'integrate' as const }),
  fc.record({ kind: fc.constant('remove-relation' as const), model }),
  fc.record({ kind: fc.constant('suspend' as const), suspended: fc.boolean() }),
  fc.record({ kind: fc.constant('write' as const), model }),
  fc.constant({ kind: 'exchange' as const }),
  fc.record({ kind: fc.constant('step' as const), model, steps: fc.integer({ min: 1, max: 8 }) }),
);

const APPLICATION = { prod: 'db', web: 'app' } as const;

/** Writes `k=<tick>` to its own unit bag (and, as leader, its application bag) everywhere. */
function handler(observed: Map<string, (readonly string[] | undefined)[]>) {
  return (context: HookContext): void => {
    const list = observed.get(context.unit) ?? [];
    list.push(context.hook?.relation === undefined ? undefined : context.relationList());
    observed.set(context.unit, list);
    if (context.hook?.name !== 'config-changed') return;
    const tick = String(context.configGet('tick') ?? 0);
    for (const id of context.relationIds('database')) {
      const relationId = Number(id.slice(id.indexOf(':') + 1));
      context.relationSet(new Map([['k', tick]]), { relationId });
      if (context.isLeader())
        context.relationSet(new Map([['a', tick]]), { relationId, app: true });
    }
  };
}

function tryRun(simulator: Simulator, operation: Parameters<Simulator['run']>[0]): void {
  try {
    simulator.run(operation);
  } catch {
    // A refused action (nothing to remove, a Dying relation...) changes nothing.
  }
}

function perform(linked: LinkedSimulators, act: Action, tick: { value: number }): void {
  const web = linked.model('web');
  const prod = linked.model('prod');
  const relationOf = (simulator: Simulator) =>
    [...simulator.state.relations.values()].find((r) => r.crossModel !== undefined);
  switch (act.kind) {
    case 'add-unit':
      linked.model(act.model).addUnit({ application: APPLICATION[act.model] });
      return;
    case 'remove-unit': {
      const simulator = linked.model(act.model);
      const alive = [...simulator.state.units.values()].filter((unit) => unit.life === 'alive');
      const unit = alive[act.pick % Math.max(1, alive.length)];
      if (unit !== undefined && alive.length > 1) simulator.removeUnit(unit.name);
      return;
    }
    case 'integrate':
      if (relationOf(web) === undefined) tryRun(web, (state) => consumeAndIntegrate(state, prod));
      return;
    case 'remove-relation': {
      const relation = relationOf(linked.model(act.model));
      if (relation !== undefined)
        tryRun(linked.model(act.model), (state) =>
          removeRelation(state, { relationId: relation.id }),
        );
      return;
    }
    case 'suspend': {
      const relation = relationOf(prod);
      if (relation !== undefined)
        tryRun(prod, (state) =>
          setRelationSuspended(state, {
            relationId: relation.id,
            suspended: act.suspended,
            reason: 'r',
          }),
        );
      return;
    }
    case 'write':
      tick.value += 1;
      linked.model(act.model).configure(APPLICATION[act.model], { tick: tick.value });
      return;
    case 'exchange':
      linked.exchange();
      return;
    case 'step':
      for (let step = 0; step < act.steps && linked.model(act.model).step(); step += 1);
      return;
  }
}

function consumeAndIntegrate(state: Simulator['state'], prod: Simulator) {
  const description = consumableOffer(prod.state, 'db', 'admin/prod.db');
  if (description === undefined) throw new Error('no offer');
  const consumed = consume(state, { offer: description });
  if (!consumed.ok) return consumed;
  return integrateApp(consumed.state);
}

function integrateApp(state: Simulator['state']) {
  return integrate(state, { endpoints: ['app', 'db'] });
}

/** R8.5: each half's remote units and remote application bag are what the other half sends. */
function checkMirrored(linked: LinkedSimulators): void {
  for (const [name, simulator] of linked.models) {
    for (const relation of simulator.state.relations.values()) {
      const link = relation.crossModel;
      if (link?.relationId === undefined) continue;
      const sent = relationCrossing(linked.model(link.model).state, link.relationId);
      assert.ok(sent, `${name} relation ${relation.id} outlived its other half`);
      const members = remoteMembers(simulator.state, relation).sort();
      const expected =
        relation.suspended || relation.life !== 'alive'
          ? members
          : [...sent.units.keys()].map((n) => remoteUnitName(link.remoteApplication, n)).sort();
      assert.deepEqual(members, expected, `remote members of ${name} relation ${relation.id}`);
      for (const [number, values] of sent.units) {
        const bag: { values: ReadonlyMap<string, string> } | undefined = simulator.state.bags
          .get(relation.id)
          ?.units.get(remoteUnitName(link.remoteApplication, number));
        if (members.includes(remoteUnitName(link.remoteApplication, number)))
          assert.deepEqual(bag?.values, values);
      }
      assert.deepEqual(
        simulator.state.bags.get(relation.id)?.applications.get(link.remoteApplication)?.values ??
          new Map(),
        sent.applicationBag,
      );
    }
  }
}

describe('cross-model exchange under random operations and interleavings', () => {
  it('converges: both halves mirror each other, hook logs and models keep their invariants', () => {
    fc.assert(
      fc.property(fc.array(action, { maxLength: 30 }), (actions) => {
        const linked = new LinkedSimulators('prod', 'web');
        const observed = new Map<string, (readonly string[] | undefined)[]>();
        for (const simulator of linked.models.values())
          for (const charm of FIXTURE_CHARM_NAMES) simulator.charm(charm, handler(observed));
        linked.model('prod').deploy({ application: 'db', charm: CHARMS.dbcharm });
        linked
          .model('prod')
          .run((state) => offer(state, { application: 'db', endpoints: ['database'] }));
        linked.model('web').deploy({ application: 'app', charm: CHARMS.webcharm, numUnits: 2 });
        const tick = { value: 0 };
        for (const act of actions) perform(linked, act, tick);
        linked.settle();
        checkMirrored(linked);
        for (const simulator of linked.models.values()) {
          checkConvergence(simulator);
          for (const unit of simulator.state.units.keys())
            checkHookLog(unit, simulator.hooks(unit), observed.get(unit) ?? []);
        }
      }),
      { numRuns: 150 },
    );
  });
});
