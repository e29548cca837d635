/**
 * remove-unit (R3.15, R2.26), the departing marker (R3.8) and a unit's end (R3.9).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { membershipOf } from '../model/queries.js';
import { applied, chain, refused } from '../test-support/scenario-charms.js';
import { observedUnits, s1, s11, s19 } from '../test-support/scenario-models.js';
import { addUnit } from './add-unit.js';
import { leaveScope } from './scope.js';
import { markUnitDeparting, removeUnit, unitDead } from './remove-unit.js';

describe('R3.15 remove-unit', () => {
  it('removes at once a unit whose agent never reported, with its machine', () => {
    const withNew = applied(addUnit(s1(), { application: 'app' })).state;
    assert.equal(withNew.units.get('app/2')?.agentStatus.current, 'allocating');
    const { state } = applied(removeUnit(withNew, { units: ['app/2'] }));
    assert.equal(state.units.has('app/2'), false);
    assert.equal(state.machines.has('3'), false);
  });

  it('makes a started unit Dying and marks its memberships departing (R3.8)', () => {
    const { state } = applied(removeUnit(s1(), { units: ['app/1'] }));
    assert.equal(state.units.get('app/1')?.life, 'dying');
    assert.equal(membershipOf(state, 0, 'app/1')?.departing, true);
    // The departing unit still counts until it really leaves.
    assert.equal(state.relations.get(0)?.unitCount, 3);
  });

  it('R3.8: others stop seeing a departing unit at once', () => {
    const { state } = applied(removeUnit(s1(), { units: ['app/1'] }));
    assert.deepEqual(observedUnits(state, 'db/0'), ['app/0']);
  });

  it('R2.26: refuses a subordinate unit with Juju message', () => {
    assert.equal(
      refused(removeUnit(s19(), { units: ['logger/0'] })).message,
      'unit "logger/0" is a subordinate, to remove use remove-relation. Note: this will remove all units of "logger"',
    );
  });

  it('refuses an unknown unit and changes nothing', () => {
    const refusal = refused(removeUnit(s1(), { units: ['app/0', 'app/9'] }));
    assert.equal(refusal.message, 'unit "app/9" does not exist');
  });

  it('leaves a Dying unit as it is', () => {
    const dying = applied(removeUnit(s1(), { units: ['app/1'] })).state;
    assert.deepEqual(applied(removeUnit(dying, { units: ['app/1'] })).changes, []);
  });

  it('R3.15: a Dying leader keeps its leadership', () => {
    const { state } = applied(removeUnit(s11(), { units: ['cluster/0'] }));
    assert.equal(state.leaders.get('cluster'), 'cluster/0');
  });
});

describe('R3.9 a unit becomes dead and is removed', () => {
  it('clears its remaining memberships as leave-scope, revokes leadership and frees its machine', () => {
    const dying = applied(removeUnit(s11(), { units: ['cluster/0'] })).state;
    const { state } = applied(unitDead(dying, { unit: 'cluster/0' }));
    assert.equal(state.units.has('cluster/0'), false);
    assert.equal(membershipOf(state, 0, 'cluster/0'), undefined);
    assert.equal(state.relations.get(0)?.unitCount, 2);
    assert.equal(state.leaders.has('cluster'), false);
    assert.equal(state.machines.has('0'), false);
  });

  it('is refused for an Alive unit and for a unit that still has subordinates', () => {
    assert.match(refused(unitDead(s1(), { unit: 'app/0' })).message, /^unit "app\/0" is alive/);
    const dying = applied(removeUnit(s19(), { units: ['app/1'] })).state;
    const refusal = refused(unitDead(dying, { unit: 'app/1' }));
    assert.equal(refusal.code, 'has-subordinates');
    assert.equal(
      refusal.message,
      'unit "app/1" cannot become dead: it still has subordinates (logger/1)',
    );
  });

  it('markUnitDeparting marks the memberships of a Dying unit and refuses an Alive one', () => {
    const dying = applied(removeUnit(s1(), { units: ['app/1'] })).state;
    assert.deepEqual(applied(markUnitDeparting(dying, { unit: 'app/1' })).changes, []);
    assert.match(refused(markUnitDeparting(s1(), { unit: 'app/0' })).message, /is alive/);
  });

  it('a unit that left every scope first is removed the same way', () => {
    const state = chain(
      s1(),
      (current) => removeUnit(current, { units: ['app/1'] }),
      (current) => leaveScope(current, { unit: 'app/1', relationId: 0 }),
    );
    const after = applied(unitDead(state, { unit: 'app/1' })).state;
    assert.equal(after.units.has('app/1'), false);
    assert.equal(after.relations.get(0)?.unitCount, 2);
  });
});
