/**
 * Peer relations under real agents (spec §9.3, S11, S12, S14): a three-unit application of the
 * hook-recorder shell charm in its `peers` relation.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { sequenceOf, settled } from './hook-records.js';
import type { RecordedHook } from './hook-records.js';
import { controllerForSuite, RECORDER } from './recorder-suite.js';

const model = 'default';
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
  const suite = controllerForSuite();
  let hooks: RecordedHook[] = [];

  it('S11: each unit creates the peer relation first, then joins every other unit after start', async () => {
    await suite.client.call('deploy', {
      model,
      application: 'cluster',
      charm: { path: RECORDER },
      numUnits: 3,
    });
    hooks = await settled(suite.client, model, (recorded) =>
      UNITS.every(
        (unit) =>
          sequenceOf(recorded, unit).filter((hook) => hook.startsWith('peers-relation-changed'))
            .length >= 2,
      ),
    );
    const leader = (await suite.client.call('status', { model })).units.find(
      (unit) => unit.leader,
    )?.name;
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
    await suite.client.call('configure', {
      model,
      application: 'cluster',
      settings: { 'app-settings': 'leader-ip=10.1.1.1' },
    });
    hooks = await settled(suite.client, model, (recorded) =>
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
    const read = await suite.exec('cluster/2', 'relation-get -r peers:0 --app - cluster');
    assert.equal(read.stdout, 'leader-ip: 10.1.1.1\n');
  });

  it('S14: removing a peer unit: -departed on the others; on it, -departed per peer, stop, remove, no -broken', async () => {
    // A non-leader goes, so leadership does not move (that is S15).
    const leader = (await suite.client.call('status', { model })).units.find(
      (unit) => unit.leader,
    )?.name;
    const [gone = '', ...stay] = UNITS.filter((unit) => unit !== leader).concat(leader ?? []);
    const before = new Map(UNITS.map((unit) => [unit, sequenceOf(hooks, unit).length]));
    await suite.client.call('remove-unit', { model, units: [gone] });
    hooks = await settled(suite.client, model, (recorded) =>
      sequenceOf(recorded, gone).includes('remove'),
    );
    for (const unit of stay)
      assert.deepEqual(
        sequenceOf(hooks, unit).slice(before.get(unit)),
        [`peers-relation-departed (${gone})`],
        unit,
      );
    assert.deepEqual(sequenceOf(hooks, gone).slice(before.get(gone)), [
      ...stay.sort().map((unit) => `peers-relation-departed (${unit})`),
      'stop',
      'remove',
    ]);
  });
});
