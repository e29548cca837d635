/**
 * The proxy lists every backend unit it sees on `website`, and drops one that departs.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { Harness } from '@loom/testing';

import { exampleCharmDirectory } from '../../../test-support/charm-directories.js';
import { ProxyCharm } from './charm.js';

describe('proxy', () => {
  it('lists each backend as it publishes itself, and drops one that departs (R7.12)', async () => {
    const harness = Harness.create(ProxyCharm, {
      charm: { directory: exampleCharmDirectory('proxy') },
      leader: true,
    });
    await harness.beginWithInitialHooks();
    assert.deepEqual(harness.status(), { current: 'waiting', message: 'no backends yet' });
    const id = await harness.addRelation('website', 'webapp', { units: 2 });
    await harness.updateRelationData(id, 'webapp/0', { hostname: '10.0.0.1', port: '8080' });
    await harness.updateRelationData(id, 'webapp/1', { hostname: '10.0.0.2', port: '8080' });
    assert.deepEqual(harness.status(), {
      current: 'active',
      message: 'backends: 10.0.0.1:8080, 10.0.0.2:8080',
    });
    await harness.removeRelationUnit(id, 'webapp/0');
    assert.deepEqual(harness.status(), { current: 'active', message: 'backends: 10.0.0.2:8080' });
  });

  it('leaves out a backend whose data does not fit the http schema, and says so once', async () => {
    const harness = Harness.create(ProxyCharm, {
      charm: { directory: exampleCharmDirectory('proxy') },
      leader: true,
    });
    await harness.beginWithInitialHooks();
    const id = await harness.addRelation('website', 'webapp', { units: 2 });
    await harness.updateRelationData(id, 'webapp/0', { hostname: '"10.0.0.1"', port: '80' });
    await harness.updateRelationData(id, 'webapp/1', { hostname: '"10.0.0.2"', port: '"eighty"' });
    await harness.updateRelationData(id, 'webapp/0', { port: '81' });
    assert.deepEqual(harness.status(), { current: 'active', message: 'backends: 10.0.0.1:81' });
    const warnings = harness
      .logs()
      .filter((line) => line.level === 'WARNING' && line.message.includes('webapp/1'));
    assert.equal(warnings.length, 1);
    assert.match(
      warnings[0]?.message ?? '',
      /http:website: webapp\/1 sent an invalid "port": must be a port number; leaving it out/,
    );
  });
});
