/**
 * Peer relations under real agents (spec §9.3, S11, S12, S14): a three-unit application of the
 * hook-recorder shell charm in its `peers` relation.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import type { ApiClient } from '@loom/protocol';

import { bootstrapHome } from '../controller/controller-home.js';
import type { ControllerHome } from '../controller/controller-home.js';
import { REPOSITORY_ROOT } from '../repository.js';
import { sequenceOf, settled } from './hook-records.js';
import type { RecordedHook } from './hook-records.js';

const model = 'default';
const CHARM = join(REPOSITORY_ROOT, 'examples', 'charms', 'hook-recorder');
const UNITS = ['cluster/0', 'cluster/1', 'cluster/2'];

/** Checks that `hooks` are `-joined (U)` then `-changed (U)` pairs, one pair per unit of `others`. */
function joinedPairs(hooks: readonly string[], others: readonly string[]): void {
  assert.equal(hooks.length, others.length * 2, hooks.join(', '));
  const seen: string[] = [];
  for (let index = 0; index < hooks.length; index += 2) {
    const remote = /^peers-relation-joined \((.+)\)$/.exec(hooks[index] ?? '')?.[1];
    assert.ok(remote !== undefined, hooks.join(', '));
    assert.equal(hooks[index + 1], `peers-relation-changed (${remote})`);
    seen.push(remote);
  }
  assert.deepEqual(seen.sort(), [...others].sort());
}

describe('peers under real agents', () => {
  let controller: ControllerHome;
  let client: ApiClient;
  let hooks: RecordedHook[] = [];
  before(async () => {
    controller = await bootstrapHome();
    client = await controller.client();
  });
  after(() => controller.dispose());

  it('S11: each unit creates the peer relation first, then joins every other unit after start', async () => {
    await client.call('deploy', {
      model,
      application: 'cluster',
      charm: { path: CHARM },
      numUnits: 3,
    });
    hooks = await settled(client, model, (recorded) =>
      UNITS.every(
        (unit) =>
          sequenceOf(recorded, unit).filter((hook) => hook.startsWith('peers-relation-changed'))
            .length >= 2,
      ),
    );
    const leader = (await client.call('status', { model })).units.find((unit) => unit.leader)?.name;
    for (const unit of UNITS) {
      const sequence = sequenceOf(hooks, unit);
      assert.deepEqual(
        sequence.slice(0, 5),
        [
          'install',
          'peers-relation-created (app cluster)',
          unit === leader ? 'leader-elected' : 'leader-settings-changed',
          'config-changed',
          'start',
        ],
        unit,
      );
      joinedPairs(
        sequence.slice(5),
        UNITS.filter((other) => other !== unit),
      );
    }
  });

  it("S12: the leader's peer application-bag write runs -changed (app) on every unit, itself included", async () => {
    const before = new Map(UNITS.map((unit) => [unit, sequenceOf(hooks, unit).length]));
    await client.call('configure', {
      model,
      application: 'cluster',
      settings: { 'app-settings': 'leader-ip=10.1.1.1' },
    });
    hooks = await settled(client, model, (recorded) =>
      UNITS.every((unit) =>
        sequenceOf(recorded, unit)
          .slice(before.get(unit))
          .includes('peers-relation-changed (app cluster)'),
      ),
    );
    for (const unit of UNITS)
      assert.deepEqual(
        sequenceOf(hooks, unit).slice(before.get(unit)),
        ['config-changed', 'peers-relation-changed (app cluster)'],
        unit,
      );
    const read = await controller.loom(
      'exec',
      '--unit',
      'cluster/2',
      '--',
      'relation-get -r peers:0 --app - cluster',
    );
    assert.equal(read.stdout, 'leader-ip: 10.1.1.1\n');
  });

  it('S14: removing a peer unit: -departed on the others; on it, -departed per peer, stop, remove, no -broken', async () => {
    const before = new Map(UNITS.map((unit) => [unit, sequenceOf(hooks, unit).length]));
    await client.call('remove-unit', { model, units: ['cluster/2'] });
    hooks = await settled(client, model, (recorded) =>
      sequenceOf(recorded, 'cluster/2').includes('remove'),
    );
    for (const unit of ['cluster/0', 'cluster/1'])
      assert.deepEqual(
        sequenceOf(hooks, unit).slice(before.get(unit)),
        ['peers-relation-departed (cluster/2)'],
        unit,
      );
    assert.deepEqual(sequenceOf(hooks, 'cluster/2').slice(before.get('cluster/2')), [
      'peers-relation-departed (cluster/0)',
      'peers-relation-departed (cluster/1)',
      'stop',
      'remove',
    ]);
  });
});
