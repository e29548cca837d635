/**
 * `loom exec` and `loom run` through the `loom` binary on real agents: an exec runs in a
 * hook-like context (hook tools answer; its relation writes are committed when it exits 0), and
 * an action gets its parameters and reports results, progress and failure.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';

import { sequenceOf, settled } from './hook-records.js';
import { controllerForSuite, RECORDER } from './recorder-suite.js';

const model = 'default';

describe('exec and actions on real agents', () => {
  const suite = controllerForSuite();
  before(async () => {
    await suite.controller.loom('deploy', RECORDER, 'db');
    await suite.controller.loom('deploy', RECORDER, 'app');
    await suite.controller.loom('integrate', 'app:sink', 'db:source');
    await settled(suite.client, model, (hooks) =>
      sequenceOf(hooks, 'app/0').some((hook) => hook.startsWith('sink-relation-changed')),
    );
  });

  it("exec: hook tools answer, the exit code comes back, and an exit-0 run's writes are committed", async () => {
    const ran = await suite.exec('db/0', 'is-leader; relation-ids source');
    assert.deepEqual(ran, { code: 0, stdout: 'True\nsource:2\n', stderr: '' });
    const failed = await suite.exec('db/0', 'relation-set -r 2 lost=yes; echo oops >&2; exit 3');
    assert.deepEqual(failed, { code: 3, stdout: '', stderr: 'oops\n' });
    const wrote = await suite.exec('db/0', 'relation-set -r 2 kept=yes');
    assert.equal(wrote.code, 0, wrote.stderr);
    // R4.10: app/0 hears of the committed write (and only of it).
    const hooks = await settled(suite.client, model, (recorded) =>
      recorded.some((hook) => hook.unit === 'app/0' && hook.saw?.kept === 'yes'),
    );
    const saw = hooks.filter((hook) => hook.unit === 'app/0').at(-1)?.saw;
    assert.ok(saw !== undefined);
    assert.equal(saw.kept, 'yes');
    assert.equal(saw.lost, undefined);
    const missing = await suite.controller.loom('exec', '--', 'true');
    assert.equal(missing.code, 2);
    assert.equal(missing.stderr, 'ERROR name the units to run on with --unit, or --application\n');
  });

  it('run: an action gets its parameters and returns its results; action-fail fails it', async () => {
    const ran = await suite.controller.loom('run', 'db/0', 'echo', 'message=hello');
    assert.equal(ran.code, 0, ran.stderr);
    assert.equal(ran.stdout, 'echoed: hello\nreturn-code: 0\n');
    assert.match(
      ran.stderr,
      /^Running operation \d+ with 1 task\n {2}- task \d+ on unit-db-0\n\nWaiting for task \d+\.\.\.\n$/,
    );
    const failed = await suite.controller.loom('run', 'db/0', 'echo', 'message=fail');
    assert.equal(failed.code, 1);
    assert.match(failed.stderr, /ERROR asked to fail\n$/);
    const { records } = await suite.client.call('debug-log', {
      model,
      replay: true,
      units: ['db/0'],
    });
    assert.ok(
      records.some((record) => record.hook === 'action echo' && record.message === 'echoing hello'),
    );
    const unknown = await suite.controller.loom('run', 'db/0', 'restore');
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /^ERROR action "restore" not defined on unit "db\/0"\n$/);
  });
});
