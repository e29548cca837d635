/**
 * S25 and R5.22, R5.23 through the `loom` binary: a hook that exits 1 puts its unit in error with
 * nothing it buffered committed; `loom resolve` runs it again, `loom resolve --no-retry` skips it.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';

import type { ApiClient, StatusDocument } from '@loom/protocol';

import { bootstrapHome } from '../controller/controller-home.js';
import type { ControllerHome } from '../controller/controller-home.js';
import { REPOSITORY_ROOT } from '../repository.js';
import { sequenceOf, settled } from './hook-records.js';

const model = 'default';
const CHARM = join(REPOSITORY_ROOT, 'examples', 'charms', 'hook-recorder');

describe('a failing hook, resolved with loom resolve', () => {
  let controller: ControllerHome;
  let client: ApiClient;
  before(async () => {
    controller = await bootstrapHome();
    client = await controller.client();
  });
  after(() => controller.dispose());

  const agentOf = async (unit: string) => {
    const status = JSON.parse(
      (await controller.loom('status', '--format', 'json')).stdout,
    ) as StatusDocument;
    return status.units.find((entry) => entry.name === unit)?.agentStatus;
  };
  const until = async (check: () => Promise<boolean>) => {
    const deadline = Date.now() + 30_000;
    while (!(await check())) {
      assert.ok(Date.now() < deadline, 'timed out');
      await sleep(100);
    }
  };

  it("R5.22: the unit shows error, and the failed hook's relation writes are not committed", async () => {
    assert.equal((await controller.loom('deploy', CHARM, 'db')).code, 0);
    assert.equal((await controller.loom('deploy', CHARM, 'app')).code, 0);
    assert.equal((await controller.loom('integrate', 'app:sink', 'db:source')).code, 0);
    await settled(client, model, (hooks) =>
      sequenceOf(hooks, 'app/0').some((hook) => hook.startsWith('sink-relation-changed')),
    );
    const configured = await controller.loom(
      'config',
      'db',
      'fail-hook=config-changed',
      'unit-settings=ready=yes',
    );
    assert.equal(configured.code, 0, configured.stderr);
    await until(async () => (await agentOf('db/0'))?.current === 'error');
    assert.deepEqual(await agentOf('db/0'), {
      current: 'error',
      message: 'hook failed: "config-changed"',
    });
    const { model: exported } = await client.call('export-model', { model });
    const bag = exported.bags.find(
      (entry) =>
        entry.owner.kind === 'unit' && entry.owner.name === 'db/0' && entry.relationId === 2,
    );
    assert.equal(bag?.values.ready, undefined);
  });

  it('R5.23: resolve runs the failed hook again, then config-changed for the newer config', async () => {
    assert.equal((await controller.loom('config', 'db', 'fail-hook=')).code, 0);
    const before = sequenceOf(await settled(client, model), 'db/0').length;
    assert.equal((await controller.loom('resolve', 'db/0')).code, 0);
    const hooks = await settled(
      client,
      model,
      (recorded) => sequenceOf(recorded, 'db/0').length > before,
    );
    assert.deepEqual(
      sequenceOf(hooks, 'db/0')
        .slice(before)
        .filter((hook) => !hook.startsWith('peers-')),
      // The retried hook is the one that failed, for the config it saw; the change made while
      // the unit was in error then gets its own config-changed.
      ['config-changed', 'config-changed'],
    );
    assert.deepEqual(await agentOf('db/0'), { current: 'idle', message: '' });
    const saw = hooks.filter((hook) => hook.unit === 'app/0').at(-1)?.saw;
    assert.equal(saw?.ready, 'yes');
  });

  it('R5.23: resolve --no-retry skips the failed hook without running it', async () => {
    assert.equal(
      (await controller.loom('config', 'db', 'fail-hook=config-changed', 'pause-seconds=1')).code,
      0,
    );
    await until(async () => (await agentOf('db/0'))?.current === 'error');
    const before = sequenceOf(await settled(client, model), 'db/0').length;
    const refused = await controller.loom('resolve', 'app/0');
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /^ERROR unit "app\/0" is not in an error state\n$/);
    assert.equal((await controller.loom('resolve', '--no-retry', 'db/0')).code, 0);
    await until(async () => (await agentOf('db/0'))?.current === 'idle');
    const hooks = await settled(client, model);
    assert.deepEqual(sequenceOf(hooks, 'db/0').slice(before), []);
  });
});
