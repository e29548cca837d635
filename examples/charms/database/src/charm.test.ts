/**
 * The seed's peer example in one process: three database units; the leader publishes its address
 * as leader-ip in the peer application bag (R4, S12), and every unit keeps it in stored state.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { TestModel } from '@loom/testing';

import { exampleCharmDirectory } from '../../../test-support/charm-directories.js';
import { DatabaseCharm } from './charm.js';

describe('the database peers, in process', () => {
  it('share the leader address through the peer application bag and keep it', async () => {
    const model = new TestModel();
    const units = model.deploy('database', DatabaseCharm, {
      charm: { directory: exampleCharmDirectory('database') },
      numUnits: 3,
    });
    await model.settle();
    const leader = model.leader('database') ?? '';
    const address = model.simulator.addressOf(leader);
    const replicas = model.relationId('database:replicas');
    assert.deepEqual(model.appBag(replicas, 'database'), { 'leader-ip': address });
    for (const unit of units) {
      assert.deepEqual(model.status(unit), { current: 'active', message: `leader at ${address}` });
      assert.deepEqual(model.storedState(unit, 'DatabaseCharm/StoredStateData[stored]'), {
        leaderIp: address,
      });
    }
  });
});
