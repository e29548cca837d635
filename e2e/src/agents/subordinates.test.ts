/**
 * S19 under real agents: a container-scoped integration creates one subordinate unit beside each
 * principal, on its machine, and each pair sees only the other (R2.3, R3.1).
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import type { ApiClient } from '@loom/protocol';

import { bootstrapHome } from '../controller/controller-home.js';
import type { ControllerHome } from '../controller/controller-home.js';
import { REPOSITORY_ROOT } from '../repository.js';
import { sequenceOf, settled } from './hook-records.js';

const model = 'default';
const CHARMS = join(REPOSITORY_ROOT, 'examples', 'charms');

describe('subordinates under real agents', () => {
  let controller: ControllerHome;
  let client: ApiClient;
  before(async () => {
    controller = await bootstrapHome();
    client = await controller.client();
  });
  after(() => controller.dispose());

  it('S19: each principal gets its own subordinate on its machine; each pair sees only the other', async () => {
    await client.call('deploy', {
      model,
      application: 'app',
      charm: { path: join(CHARMS, 'hook-recorder') },
      numUnits: 2,
    });
    await client.call('deploy', {
      model,
      application: 'sub',
      charm: { path: join(CHARMS, 'recorder-subordinate') },
    });
    await settled(client, model, (hooks) =>
      ['app/0', 'app/1'].every((unit) => sequenceOf(hooks, unit).includes('start')),
    );
    const { key, relationId } = await client.call('integrate', {
      model,
      endpoints: ['app:source', 'sub:sink'],
    });
    assert.equal(key, 'sub:sink app:source');
    const hooks = await settled(client, model, (recorded) =>
      ['sub/0', 'sub/1'].every((unit) =>
        sequenceOf(recorded, unit).some((hook) => hook.startsWith('sink-relation-changed')),
      ),
    );
    const status = await client.call('status', { model });
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
    const seen = await controller.loom(
      'exec',
      '--unit',
      'sub/0',
      '--',
      `relation-list -r sink:${relationId}`,
    );
    assert.equal(seen.stdout, `${partnerOf.get('sub/0') ?? ''}\n`);
  });
});
