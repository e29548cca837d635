/**
 * Subordinates (spec §9.3): S19–S22 set-ups and how subordinate units die (R3.17).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { emptyModel } from '../model/model-state.js';
import { unitsOf } from '../model/queries.js';
import { unitSnapshot } from '../uniter/unit-snapshot.js';

import { applied, chain, CHARMS, refused } from '../test-support/scenario-charms.js';
import { entered, observedUnits, s19, started } from '../test-support/scenario-models.js';
import { deploy } from './deploy.js';
import { integrate } from './integrate.js';
import { removeRelation } from './remove-relation.js';
import { removeUnit, unitDead } from './remove-unit.js';
import { leaveScope } from './scope.js';
import {
  destroyOrphanedSubordinate,
  destroySubordinates,
  subordinateIsOrphaned,
} from './subordinates.js';

describe('S19 a subordinate through an explicit container endpoint', () => {
  const state = s19();

  it('creates exactly one logger unit per app unit, on its machine', () => {
    assert.deepEqual(unitsOf(state, 'logger'), ['logger/0', 'logger/1']);
    assert.deepEqual(
      ['logger/0', 'logger/1'].map((unit) => [
        state.units.get(unit)?.principal,
        state.units.get(unit)?.machine,
      ]),
      [
        ['app/0', '0'],
        ['app/1', '1'],
      ],
    );
  });

  it('lets each principal see only its own subordinate, and each subordinate only its principal', () => {
    assert.deepEqual(observedUnits(state, 'app/0'), ['logger/0']);
    assert.deepEqual(observedUnits(state, 'app/1'), ['logger/1']);
    assert.deepEqual(observedUnits(state, 'logger/0'), ['app/0']);
    assert.deepEqual(observedUnits(state, 'logger/1'), ['app/1']);
  });
});

describe('S20 the implicit juju-info relation', () => {
  it('creates the subordinate unit when the implicit side enters scope', () => {
    const state = chain(
      emptyModel('s20'),
      (current) => deploy(current, { application: 'plain', charm: CHARMS.plaincharm }),
      (current) => deploy(current, { application: 'logger', charm: CHARMS.logger }),
      (current) => integrate(current, { endpoints: ['plain', 'logger'] }),
      ...entered(0, 'plain/0'),
    );
    assert.equal(state.relations.get(0)?.key, 'logger:juju-info plain:juju-info');
    assert.deepEqual(unitsOf(state, 'logger'), ['logger/0']);
    assert.equal(unitSnapshot(state, 'plain/0')?.relations[0]?.implicit, true);
    assert.equal(unitSnapshot(state, 'logger/0')?.relations[0]?.implicit, false);
  });
});

describe('S21 removing the container relation', () => {
  it('orphans each subordinate unit, which destroys itself; the application stays with no units', () => {
    let state = applied(removeRelation(s19(), { endpoints: ['app', 'logger'] })).state;
    assert.equal(subordinateIsOrphaned(state, 'logger/0'), true);
    for (const unit of ['logger/0', 'logger/1']) {
      state = applied(destroyOrphanedSubordinate(state, { unit })).state;
      assert.equal(state.units.get(unit)?.life, 'dying');
    }
    for (const unit of ['logger/0', 'logger/1', 'app/0', 'app/1']) {
      state = applied(leaveScope(state, { unit, relationId: 0 })).state;
    }
    assert.equal(state.relations.has(0), false);
    for (const unit of ['logger/0', 'logger/1']) state = applied(unitDead(state, { unit })).state;
    assert.deepEqual(unitsOf(state, 'logger'), []);
    assert.equal(state.applications.get('logger')?.life, 'alive');
    assert.deepEqual(unitsOf(state, 'app'), ['app/0', 'app/1']);
  });

  it('does not orphan a subordinate that keeps another container relation to its principal', () => {
    let state = applied(integrate(s19(), { endpoints: ['app:juju-info', 'logger'] })).state;
    state = applied(removeRelation(state, { relationId: 0 })).state;
    assert.equal(subordinateIsOrphaned(state, 'logger/0'), false);
    assert.deepEqual(applied(destroyOrphanedSubordinate(state, { unit: 'logger/0' })).changes, []);
  });
});

describe('S22 removing a principal that has a subordinate', () => {
  it('destroys the subordinate first; the principal becomes dead only after it is gone', () => {
    let state = applied(removeUnit(s19(), { units: ['app/1'] })).state;
    state = applied(destroySubordinates(state, { principal: 'app/1' })).state;
    assert.equal(state.units.get('logger/1')?.life, 'dying');
    assert.equal(state.units.get('logger/0')?.life, 'alive');
    assert.equal(refused(unitDead(state, { unit: 'app/1' })).code, 'has-subordinates');
    state = applied(unitDead(state, { unit: 'logger/1' })).state;
    state = applied(unitDead(state, { unit: 'app/1' })).state;
    assert.deepEqual(unitsOf(state, 'logger'), ['logger/0']);
    assert.deepEqual(unitsOf(state, 'app'), ['app/0']);
    assert.equal(state.machines.has('1'), false);
    assert.equal(state.relations.get(0)?.unitCount, 2);
  });

  it('R3.17: a principal without an Alive container relation leaves its subordinates alone', () => {
    let state = applied(removeRelation(s19(), { relationId: 0 })).state;
    state = applied(removeUnit(state, { units: ['app/0'] })).state;
    assert.deepEqual(applied(destroySubordinates(state, { principal: 'app/0' })).changes, []);
  });

  it('destroys a subordinate whose agent never started at once', () => {
    const state = chain(
      emptyModel('m'),
      (current) => deploy(current, { application: 'app', charm: CHARMS.logsrc }),
      (current) => deploy(current, { application: 'logger', charm: CHARMS.logger }),
      ...started('app/0'),
      (current) => integrate(current, { endpoints: ['app', 'logger'] }),
      ...entered(0, 'app/0'),
      (current) => removeUnit(current, { units: ['app/0'] }),
      (current) => destroySubordinates(current, { principal: 'app/0' }),
    );
    assert.equal(state.units.has('logger/0'), false);
  });
});
