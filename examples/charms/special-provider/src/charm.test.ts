/**
 * The provider side of the seed's SpecialCharm pair, on its own: the leader publishes its
 * leader-uuid as soon as the relation is created, before any unit joins; each unit tells each
 * requirer unit what is special about it, and counts the tokens it gets back.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { Harness } from '@loom/testing';

import { exampleCharmDirectory } from '../../../test-support/charm-directories.js';
import { SpecialProviderCharm } from './charm.js';

const charm = { directory: exampleCharmDirectory('special-provider') };

describe('special-provider', () => {
  it('publishes leader-uuid at relation-created and special-field to each requirer unit', async () => {
    const harness = Harness.create(SpecialProviderCharm, { charm, leader: true });
    await harness.beginWithInitialHooks();
    const id = await harness.addRelation('special', 'special-requirer');
    assert.match(
      harness.getRelationData(id, 'special-provider')['leader-uuid'] ?? '',
      /^[0-9a-f-]{36}$/,
    );
    assert.equal(harness.getRelationData(id, 'special-provider/0')['special-field'], undefined);
    await harness.addRelationUnit(id, 'special-requirer/0');
    assert.equal(
      harness.getRelationData(id, 'special-provider/0')['special-field'],
      'special-provider/0 is special',
    );
  });

  it('counts the tokens the requirer units send back in its status', async () => {
    const harness = Harness.create(SpecialProviderCharm, { charm, leader: true });
    await harness.beginWithInitialHooks();
    const id = await harness.addRelation('special', 'special-requirer', { units: 2 });
    assert.deepEqual(harness.status(), { current: 'waiting', message: 'no token yet' });
    await harness.updateRelationData(id, 'special-requirer/0', { token: 'a' });
    await harness.updateRelationData(id, 'special-requirer/1', { token: 'b' });
    assert.deepEqual(harness.status(), { current: 'active', message: 'tokens from 2 units' });
  });
});
