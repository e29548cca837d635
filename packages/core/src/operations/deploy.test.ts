/**
 * deploy and add-unit: application names, peer relations at deploy (R2.20, R2.19), units and
 * machines, config, and subordinates (R2.26).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { emptyModel } from '../model/model-state.js';
import { relationsOf, unitsOf } from '../model/queries.js';
import { applied, CHARMS, refused } from '../test-support/scenario-charms.js';
import { addUnit } from './add-unit.js';
import { deploy } from './deploy.js';
import { removeUnit } from './remove-unit.js';

const model = emptyModel('test');

describe('deploy', () => {
  it('adds the application with one unit on a new machine by default', () => {
    const { state, value } = applied(deploy(model, { application: 'db', charm: CHARMS.dbcharm }));
    assert.deepEqual(value.units, ['db/0']);
    assert.deepEqual(state.units.get('db/0'), {
      name: 'db/0',
      application: 'db',
      machine: '0',
      life: 'alive',
      agentStatus: { current: 'allocating', message: '' },
      workloadStatus: { current: 'waiting', message: 'waiting for machine' },
      workloadVersion: '',
    });
    assert.deepEqual([...state.machines.keys()], ['0']);
    assert.equal(state.applications.get('db')?.life, 'alive');
  });

  it('numbers units per application and machines per model', () => {
    let state = applied(
      deploy(model, { application: 'db', charm: CHARMS.dbcharm, numUnits: 2 }),
    ).state;
    state = applied(
      deploy(state, { application: 'app', charm: CHARMS.webcharm, numUnits: 2 }),
    ).state;
    assert.deepEqual(unitsOf(state, 'app'), ['app/0', 'app/1']);
    assert.deepEqual(
      ['db/0', 'db/1', 'app/0', 'app/1'].map((unit) => state.units.get(unit)?.machine),
      ['0', '1', '2', '3'],
    );
  });

  it('R2.20: creates one peer relation per peer endpoint at deploy, even with no units', () => {
    const { state, value } = applied(
      deploy(model, { application: 'cluster', charm: CHARMS.clustercharm, numUnits: 0 }),
    );
    assert.deepEqual(value.peerRelations, [0]);
    const relation = state.relations.get(0);
    assert.equal(relation?.key, 'cluster:replicas');
    assert.equal(relation.endpoints.length, 1);
    assert.equal(relation.endpoints[0]?.role, 'peer');
    assert.deepEqual(
      [relation.life, relation.status, relation.unitCount, relation.suspended],
      ['alive', 'joining', 0, false],
    );
  });

  it('R2.20, spec 11.2: gives peer relations ids in endpoint-name order', () => {
    const { state } = applied(deploy(model, { application: 'two', charm: CHARMS.twopeers }));
    assert.deepEqual(
      relationsOf(state, 'two').map((relation) => [relation.id, relation.key]),
      [
        [0, 'two:alpha'],
        [1, 'two:zeta'],
      ],
    );
  });

  it('R2.19: peer and regular relations share the model sequence', () => {
    let state = applied(
      deploy(model, { application: 'cluster', charm: CHARMS.clustercharm }),
    ).state;
    state = applied(deploy(state, { application: 'two', charm: CHARMS.twopeers })).state;
    assert.equal(state.sequences.relation, 3);
  });

  it('refuses an invalid application name', () => {
    const refusal = refused(deploy(model, { application: 'My_DB', charm: CHARMS.dbcharm }));
    assert.equal(refusal.message, 'invalid application name "My_DB"');
    assert.equal(refusal.code, 'not-valid');
  });

  it('refuses a name already taken, leaving the model as it was', () => {
    const { state } = applied(deploy(model, { application: 'db', charm: CHARMS.dbcharm }));
    const refusal = refused(deploy(state, { application: 'db', charm: CHARMS.webcharm }));
    assert.equal(refusal.message, 'cannot add application "db": application already exists');
    assert.equal(refusal.code, 'already-exists');
  });

  it('deploys a subordinate with no units and refuses units for it', () => {
    const { state, value } = applied(
      deploy(model, { application: 'logger', charm: CHARMS.logger }),
    );
    assert.deepEqual(value.units, []);
    assert.equal(state.applications.get('logger')?.subordinate, true);
    assert.equal(
      refused(deploy(model, { application: 'logger', charm: CHARMS.logger, numUnits: 1 })).message,
      'cannot use --num-units or --to with subordinate application',
    );
  });

  it('refuses a negative number of units', () => {
    assert.match(
      refused(deploy(model, { application: 'db', charm: CHARMS.dbcharm, numUnits: -1 })).message,
      /^--num-units must be a whole number of 0 or more, got -1$/,
    );
  });

  it('places units on existing machines with --to, refusing unknown machines', () => {
    const first = applied(deploy(model, { application: 'db', charm: CHARMS.dbcharm })).state;
    const { state } = applied(
      deploy(first, { application: 'app', charm: CHARMS.webcharm, to: ['0'] }),
    );
    assert.equal(state.units.get('app/0')?.machine, '0');
    assert.equal(state.machines.size, 1);
    assert.equal(
      refused(deploy(first, { application: 'x', charm: CHARMS.webcharm, to: ['9'] })).message,
      'machine 9 not found',
    );
  });

  it('keeps config settings coerced to the option types, refusing unknown options and bad values', () => {
    const charm = {
      ...CHARMS.webcharm,
      config: [{ name: 'port', type: 'int' as const, description: '', default: 80 }],
    };
    const { state } = applied(
      deploy(model, { application: 'app', charm, config: { port: '8080' } }),
    );
    assert.deepEqual([...(state.applications.get('app')?.config ?? [])], [['port', 8080]]);
    assert.equal(
      refused(deploy(model, { application: 'app', charm, config: { colour: 'red' } })).message,
      'unknown option "colour"',
    );
    assert.equal(
      refused(deploy(model, { application: 'app', charm, config: { port: 'abc' } })).message,
      'option "port" expected int, got "abc"',
    );
  });
});

describe('add-unit', () => {
  const withApp = applied(deploy(model, { application: 'app', charm: CHARMS.webcharm })).state;

  it('adds units numbered after the existing ones, each on a new machine', () => {
    const { state, value } = applied(addUnit(withApp, { application: 'app', numUnits: 2 }));
    assert.deepEqual(value.units, ['app/1', 'app/2']);
    assert.deepEqual(
      value.units.map((unit) => state.units.get(unit)?.machine),
      ['1', '2'],
    );
  });

  it('never reuses a unit number, even after the unit is removed', () => {
    let state = applied(addUnit(withApp, { application: 'app' })).state;
    state = applied(removeUnit(state, { units: ['app/1'] })).state;
    assert.equal(state.units.has('app/1'), false);
    const { value } = applied(addUnit(state, { application: 'app' }));
    assert.deepEqual(value.units, ['app/2']);
  });

  it('R2.26: refuses units of a subordinate application', () => {
    const { state } = applied(deploy(model, { application: 'logger', charm: CHARMS.logger }));
    const refusal = refused(addUnit(state, { application: 'logger' }));
    assert.equal(
      refusal.message,
      'cannot add unit to application "logger": application is a subordinate',
    );
  });

  it('refuses an unknown application', () => {
    assert.equal(
      refused(addUnit(model, { application: 'nope' })).message,
      'application "nope" not found',
    );
  });
});
