/**
 * The database's clients: the leader writes each client application's credentials to the
 * relation's application bag; a new leader publishes its own host with the same password.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { Harness, TestModel } from '@loom/testing';

import { exampleCharmDirectory } from '../../../test-support/charm-directories.js';
import { DatabaseCharm } from './charm.js';

const charm = { directory: exampleCharmDirectory('database') };

describe('database credentials', () => {
  it('are written by the leader for each client application', async () => {
    const harness = Harness.create(DatabaseCharm, { charm, leader: true });
    await harness.beginWithInitialHooks();
    const id = await harness.addRelation('database', 'webapp', { units: 1 });
    const credentials = harness.getRelationData(id, 'database');
    assert.equal(credentials.user, 'webapp');
    assert.equal(credentials.database, 'webapp');
    assert.equal(credentials.port, '5432');
    assert.match(credentials.password ?? '', /^[0-9a-f]{24}$/);
    assert.equal(credentials.host, harness.model.simulator.addressOf('database/0'));
  });

  it('keep their password when leadership moves, with the new leader as host', async () => {
    const model = new TestModel();
    model.deploy('database', DatabaseCharm, { charm, numUnits: 2 });
    model.deployStandIn(
      'webapp',
      {
        metadata:
          'name: webapp\nsummary: s\ndescription: d\nrequires:\n  database:\n    interface: pgsql\n',
      },
      1,
    );
    const id = model.integrate('database', 'webapp');
    await model.settle();
    const before = model.appBag(id, 'database');
    const follower = model.leader('database') === 'database/0' ? 'database/1' : 'database/0';
    model.setLeader(follower);
    await model.settle();
    const after = model.appBag(id, 'database');
    assert.equal(after.password, before.password);
    assert.equal(after.host, model.simulator.addressOf(follower));
  });
});
