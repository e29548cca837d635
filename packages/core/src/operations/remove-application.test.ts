/**
 * remove-application (R3.16): relations destroyed (peers too), units destroyed, the application
 * removed with its last unit and relation.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { emptyModel } from '../model/model-state.js';
import { applied, chain, CHARMS, refused } from '../test-support/scenario-charms.js';
import { s1, s11 } from '../test-support/scenario-models.js';
import { deploy } from './deploy.js';
import { removeApplication } from './remove-application.js';
import { unitDead } from './remove-unit.js';
import { leaveScope } from './scope.js';

describe('R3.16 remove-application', () => {
  it('S24 set-up: makes the application, its units and its relations Dying', () => {
    const { state } = applied(removeApplication(s1(), { application: 'app' }));
    assert.equal(state.applications.get('app')?.life, 'dying');
    assert.deepEqual(
      ['app/0', 'app/1'].map((unit) => state.units.get(unit)?.life),
      ['dying', 'dying'],
    );
    assert.equal(state.relations.get(0)?.life, 'dying');
  });

  it('destroys peer relations too', () => {
    const { state } = applied(removeApplication(s11(), { application: 'cluster' }));
    assert.equal(state.relations.get(0)?.life, 'dying');
  });

  it('removes the application once its last unit and last relation are gone', () => {
    let state = applied(removeApplication(s1(), { application: 'app' })).state;
    for (const unit of ['app/0', 'app/1', 'db/0'])
      state = applied(leaveScope(state, { unit, relationId: 0 })).state;
    assert.equal(state.relations.has(0), false);
    state = applied(unitDead(state, { unit: 'app/0' })).state;
    assert.equal(state.applications.has('app'), true);
    state = applied(unitDead(state, { unit: 'app/1' })).state;
    assert.equal(state.applications.has('app'), false);
    assert.equal(state.applications.has('db'), true);
  });

  it('removes at once an application with no started units and no populated relation', () => {
    const state = chain(emptyModel('m'), (current) =>
      deploy(current, { application: 'cluster', charm: CHARMS.clustercharm, numUnits: 2 }),
    );
    const { state: after } = applied(removeApplication(state, { application: 'cluster' }));
    assert.equal(after.applications.size, 0);
    assert.equal(after.units.size, 0);
    assert.equal(after.relations.size, 0);
    assert.equal(after.machines.size, 0);
  });

  it('refuses an unknown application', () => {
    assert.equal(
      refused(removeApplication(s1(), { application: 'nope' })).message,
      'application "nope" not found',
    );
  });
});
