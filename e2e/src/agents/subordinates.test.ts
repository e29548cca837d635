/**
 * S19 under real agents: a container-scoped integration creates one subordinate unit beside each
 * principal, on its machine, and each pair sees only the other (R2.3, R3.1).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { sequenceOf, settled } from './hook-records.js';
import { controllerForSuite, RECORDER, RECORDER_SUBORDINATE } from './recorder-suite.js';

const model = 'default';

describe('subordinates under real agents', () => {
  const suite = controllerForSuite();

  it('S19: each principal gets its own subordinate on its machine; each pair sees only the other', async () => {
    await suite.client.call('deploy', {
      model,
      application: 'app',
      charm: { path: RECORDER },
      numUnits: 2,
    });
    await suite.client.call('deploy', {
      model,
      application: 'sub',
      charm: { path: RECORDER_SUBORDINATE },
    });
    await settled(suite.client, model, (hooks) =>
      ['app/0', 'app/1'].every((unit) => sequenceOf(hooks, unit).includes('start')),
    );
    const { key, relationId } = await suite.client.call('integrate', {
      model,
      endpoints: ['app:source', 'sub:sink'],
    });
    assert.equal(key, 'sub:sink app:source');
    const hooks = await settled(suite.client, model, (recorded) =>
      ['sub/0', 'sub/1'].every((unit) =>
        sequenceOf(recorded, unit).some((hook) => hook.startsWith('sink-relation-changed')),
      ),
    );
    const status = await suite.client.call('status', { model });
    const machineOf = new Map(status.units.map((unit) => [unit.name, unit.machine]));
    const partnerOf = new Map(
      status.units
        .filter((unit) => unit.principal !== null)
        .map((unit) => [unit.name, unit.principal ?? '']),
    );
    assert.deepEqual([...partnerOf.keys()].sort(), ['sub/0', 'sub/1']);
    for (const [sub, principal] of partnerOf) {
      assert.equal(
        machineOf.get(sub),
        machineOf.get(principal),
        `${sub} runs on ${principal}'s machine`,
      );
      const sequence = sequenceOf(hooks, sub);
      assert.deepEqual(sequence.slice(0, 2), ['install', 'sink-relation-created (app app)']);
      assert.ok(
        ['leader-elected', 'leader-settings-changed'].includes(sequence[2] ?? ''),
        sequence.join(', '),
      );
      assert.deepEqual(sequence.slice(3), [
        'config-changed',
        'start',
        `sink-relation-joined (${principal})`,
        `sink-relation-changed (${principal})`,
      ]);
      const principalHooks = sequenceOf(hooks, principal).filter((hook) =>
        hook.startsWith('source-'),
      );
      assert.deepEqual(principalHooks, [
        'source-relation-created (app sub)',
        `source-relation-joined (${sub})`,
        `source-relation-changed (${sub})`,
      ]);
    }
    const seen = await suite.exec('sub/0', `relation-list -r sink:${relationId}`);
    assert.equal(seen.stdout, `${partnerOf.get('sub/0') ?? ''}\n`);
  });
});
