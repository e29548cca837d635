/**
 * S25 and R5.22, R5.23 through the `loom` binary: a hook that exits 1 puts its unit in error with
 * nothing it buffered committed; `loom resolve` runs it again, `loom resolve --no-retry` skips it.
 */
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';

import { sequenceOf, settled } from './hook-records.js';
import { controllerForSuite, RECORDER } from './recorder-suite.js';

const model = 'default';

describe('a failing hook, resolved with loom resolve', () => {
  const suite = controllerForSuite();

  const agentOf = async (unit: string) =>
    (await suite.client.call('status', { model })).units.find((entry) => entry.name === unit)
      ?.agentStatus;
  /** `loom status --format json`, Juju's shape. */
  const jujuStatus = async () =>
    JSON.parse((await suite.controller.loom('status', '--format', 'json')).stdout) as {
      applications: Record<
        string,
        {
          version?: string;
          'application-status': { current: string; message?: string };
          units?: Record<string, { 'workload-status': unknown; 'juju-status': unknown }>;
        }
      >;
    };
  const until = async (check: () => Promise<boolean>) => {
    const deadline = Date.now() + 30_000;
    while (!(await check())) {
      assert.ok(Date.now() < deadline, 'timed out');
      await sleep(100);
    }
  };

  it("R5.22, R4.12: the unit shows error; the failed hook's relation writes are not committed, its workload version is", async () => {
    assert.equal((await suite.controller.loom('deploy', RECORDER, 'db')).code, 0);
    assert.equal((await suite.controller.loom('deploy', RECORDER, 'app')).code, 0);
    assert.equal((await suite.controller.loom('integrate', 'app:sink', 'db:source')).code, 0);
    await settled(suite.client, model, (hooks) =>
      sequenceOf(hooks, 'app/0').some((hook) => hook.startsWith('sink-relation-changed')),
    );
    const configured = await suite.controller.loom(
      'config',
      'db',
      'fail-hook=config-changed',
      'unit-settings=ready=yes',
      'workload-version=14.2-1',
    );
    assert.equal(configured.code, 0, configured.stderr);
    await until(async () => (await agentOf('db/0'))?.current === 'error');
    assert.deepEqual(await agentOf('db/0'), {
      current: 'error',
      message: 'hook failed: "config-changed"',
    });
    const { model: exported } = await suite.client.call('export-model', { model });
    const bag = exported.bags.find(
      (entry) =>
        entry.owner.kind === 'unit' && entry.owner.name === 'db/0' && entry.relationId === 2,
    );
    assert.equal(bag?.values.ready, undefined);
    // As juju status shows a unit in error: the workload in error, the agent idle.
    const shown = await jujuStatus();
    assert.deepEqual(shown.applications.db?.units?.['db/0']?.['workload-status'], {
      current: 'error',
      message: 'hook failed: "config-changed"',
    });
    assert.deepEqual(shown.applications.db.units['db/0']['juju-status'], {
      current: 'idle',
      version: '3.0.3',
    });
    assert.equal(shown.applications.db['application-status'].current, 'error');
    // R4.12, R7.22: application-version-set took effect at once and stays; status shows it.
    const status = await suite.client.call('status', { model });
    assert.equal(status.units.find((unit) => unit.name === 'db/0')?.workloadVersion, '14.2-1');
    assert.equal(shown.applications.db.version, '14.2-1');
    assert.match((await suite.controller.loom('status')).stdout, /\ndb +14\.2-1 +error +/);
  });

  it('R5.23: resolve runs the failed hook again, then config-changed for the newer config', async () => {
    assert.equal((await suite.controller.loom('config', 'db', 'fail-hook=')).code, 0);
    const before = sequenceOf(await settled(suite.client, model), 'db/0').length;
    assert.equal((await suite.controller.loom('resolve', 'db/0')).code, 0);
    const hooks = await settled(
      suite.client,
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
      (await suite.controller.loom('config', 'db', 'fail-hook=config-changed', 'pause-seconds=1'))
        .code,
      0,
    );
    await until(async () => (await agentOf('db/0'))?.current === 'error');
    const before = sequenceOf(await settled(suite.client, model), 'db/0').length;
    const refused = await suite.controller.loom('resolve', 'app/0');
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /^ERROR unit "app\/0" is not in an error state\n$/);
    assert.equal((await suite.controller.loom('resolve', '--no-retry', 'db/0')).code, 0);
    await until(async () => (await agentOf('db/0'))?.current === 'idle');
    const hooks = await settled(suite.client, model);
    assert.deepEqual(sequenceOf(hooks, 'db/0').slice(before), []);
  });
});
