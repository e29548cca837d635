/**
 * The web application's status says what it waits for, and each unit tells proxies where it
 * serves and a log forwarder where it logs.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { Context, Harness, relation, state, subordinateRelation } from '@loom/testing';

import { exampleCharmDirectory } from '../../../test-support/charm-directories.js';
import { LOG_DIRECTORY, WebappCharm } from './charm.js';

const charm = { directory: exampleCharmDirectory('webapp') };

describe('webapp', () => {
  it('is blocked without a database, waits for credentials, then is active', async () => {
    const harness = Harness.create(WebappCharm, { charm, leader: true });
    await harness.beginWithInitialHooks();
    assert.deepEqual(harness.status(), {
      current: 'blocked',
      message: 'needs a database: integrate with one',
    });
    const id = await harness.addRelation('database', 'database', { units: 1 });
    assert.deepEqual(harness.status(), {
      current: 'waiting',
      message: 'waiting for database to send credentials',
    });
    await harness.updateRelationData(id, 'database', { host: '10.0.0.9', port: '5432' });
    assert.deepEqual(harness.status(), {
      current: 'active',
      message: 'serving on :8080 with database at 10.0.0.9',
    });
  });

  it('publishes its hostname and port to proxies, and a new port when configured', async () => {
    const harness = Harness.create(WebappCharm, { charm, leader: true });
    await harness.beginWithInitialHooks();
    const id = await harness.addRelation('website', 'proxy', { units: 1 });
    const hostname = harness.model.simulator.addressOf('webapp/0');
    // JSON-encoded, as charms.reactive's http layer writes them.
    assert.equal(harness.getRelationData(id, 'webapp/0').hostname, JSON.stringify(hostname));
    assert.equal(harness.getRelationData(id, 'webapp/0').port, '8080');
    await harness.updateConfig({ port: 9000 });
    assert.equal(harness.getRelationData(id, 'webapp/0').port, '9000');
  });

  it('tells the log forwarder beside it where it logs', async () => {
    const ctx = new Context(WebappCharm, { charm });
    const logging = subordinateRelation('logging', { remoteAppName: 'log-forwarder' });
    const database = relation('database', { remoteAppData: { host: 'h' } });
    const after = await ctx.run(
      ctx.on.relationJoined(logging),
      state({ relations: [logging, database] }),
    );
    assert.equal(after.relations[0]?.localUnitData['log-directory'], LOG_DIRECTORY);
  });
});
