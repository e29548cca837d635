/**
 * `loom bootstrap`, `loom controllers` and `loom kill-controller` against real controller
 * processes on temporary homes.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { afterEach, describe, it } from 'node:test';

import { controllerPaths, processAlive, runningControllerPid } from '@loom/protocol';

import { testHome } from '../test-support/loom-home.js';
import type { TestHome } from '../test-support/loom-home.js';

let current: TestHome | undefined;
afterEach(async () => {
  await current?.dispose();
  current = undefined;
});

async function freshHome(): Promise<TestHome> {
  current = await testHome();
  return current;
}

describe('loom bootstrap, controllers and kill-controller', () => {
  it('says no controller is registered before bootstrap, in text and in JSON', async () => {
    const { loom } = await freshHome();
    const text = await loom(['controllers']);
    assert.deepEqual(text, {
      code: 0,
      stdout: '',
      stderr:
        'No controllers registered.\n\nPlease create a new controller using "loom bootstrap".\n',
    });
    const json = await loom(['controllers', '--format', 'json']);
    assert.deepEqual(JSON.parse(json.stdout), { controllers: {} });
  });

  it('bootstraps a controller with a default model, lists it, and refuses a second one', async () => {
    const { home, loom } = await freshHome();
    const boot = await loom(['bootstrap']);
    assert.equal(boot.code, 0, boot.stderr);
    const pid = await runningControllerPid(home);
    assert.ok(pid !== undefined && pid !== process.pid);
    assert.match(
      boot.stderr,
      new RegExp(
        `^Creating Loom controller "loom" in ${home}\nInitial model "default" added\nBootstrap complete, controller "loom" is now available at http://127\\.0\\.0\\.1:\\d+ \\(pid ${pid}\\)\n`,
      ),
    );
    const json = JSON.parse((await loom(['controllers', '--format', 'json'])).stdout) as {
      controllers: { loom: { status: string; pid: number; models: number; address: string } };
    };
    const { address } = json.controllers.loom;
    assert.match(address, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.deepEqual(json.controllers.loom, { home, status: 'running', address, pid, models: 1 });
    const listed = await loom(['controllers']);
    const gap = ' '.repeat(Math.max(0, String(pid).length - 3));
    assert.equal(
      listed.stdout,
      `Controller  Status   Models  Address${' '.repeat(address.length - 5)}${gap}PID  Home\n` +
        `loom*       running       1  ${address}  ${String(pid).padStart(3)}  ${home}\n`,
    );
    const again = await loom(['bootstrap']);
    assert.deepEqual(again, {
      code: 1,
      stdout: '',
      stderr: `ERROR controller "loom" is already running in ${home} (pid ${pid}); run "loom kill-controller" to destroy it, or set LOOM_HOME to use another home\n`,
    });
  });

  it('destroys the controller only when confirmed, then removes its home', async () => {
    const { home, loom } = await freshHome();
    await loom(['bootstrap']);
    const pid = await runningControllerPid(home);
    assert.ok(pid !== undefined);
    const unconfirmed = await loom(['kill-controller']);
    assert.equal(unconfirmed.code, 1);
    assert.equal(
      unconfirmed.stderr,
      `ERROR "loom kill-controller" would destroy the "loom" controller in ${home} and every model it holds; there is no terminal to confirm on, so add -y to go ahead\n`,
    );
    const declined = await loom(['kill-controller'], { answers: [false] });
    assert.equal(declined.code, 1);
    assert.match(declined.stderr, /Continue\? \(y\/N\): ERROR loom kill-controller aborted\n$/);
    assert.ok(processAlive(pid), 'the controller survives an unconfirmed kill-controller');

    const killed = await loom(['kill-controller'], { answers: [true] });
    assert.equal(killed.code, 0, killed.stderr);
    assert.match(
      killed.stderr,
      new RegExp(
        `Destroying controller "loom"\nStopped controller process ${pid}\nController "loom" destroyed\n$`,
      ),
    );
    assert.equal(processAlive(pid), false);
    assert.equal(existsSync(home), false);
    const nothing = await loom(['kill-controller', '-y']);
    assert.equal(
      nothing.stderr,
      `ERROR controller "loom" not found in ${home}; nothing to destroy\n`,
    );
    const other = await loom(['kill-controller', 'prod', '-y']);
    assert.equal(
      other.stderr,
      `ERROR controller "prod" not found; the controller of ${home} is "loom"\n`,
    );
  });

  it('lists a killed controller as stopped and bootstraps it again with its models', async () => {
    const { home, loom } = await freshHome();
    await loom(['bootstrap']);
    await loom(['add-model', 'kept']);
    const pid = await runningControllerPid(home);
    assert.ok(pid !== undefined);
    process.kill(pid, 'SIGKILL');
    while (processAlive(pid)) await new Promise((resolve) => setTimeout(resolve, 10));
    const listed = await loom(['controllers']);
    assert.equal(
      listed.stdout,
      `Controller  Status   Models  Address  PID  Home\nloom*       stopped       -  -          -  ${home}\n`,
    );
    const boot = await loom(['bootstrap']);
    assert.equal(boot.code, 0, boot.stderr);
    assert.match(boot.stderr, /^Starting controller "loom" in .*; its models are kept\n/);
    const models = JSON.parse((await loom(['models', '--format', 'json'])).stdout) as {
      models: { name: string }[];
    };
    assert.deepEqual(
      models.models.map((model) => model.name),
      ['default', 'kept'],
    );
  });

  it('stops with the end of the controller log when the controller cannot start', async () => {
    const { home, loom } = await freshHome();
    const boot = await loom(['bootstrap'], { env: { LOOM_LEASE_DURATION_MS: 'soon' } });
    assert.equal(boot.code, 1);
    assert.match(
      boot.stderr,
      new RegExp(
        `ERROR cannot start a controller in ${home}: the controller stopped \\(exit code 1\\); its log ${controllerPaths(home).log} ends with:\n {2}ERROR LOOM_LEASE_DURATION_MS must be a whole number, got "soon"\n$`,
      ),
    );
  });

  it('kills a controller that does not stop within the timeout', async () => {
    const { home, loom } = await freshHome();
    await loom(['bootstrap']);
    const pid = await runningControllerPid(home);
    assert.ok(pid !== undefined);
    // A stopped process ignores SIGTERM until continued; SIGKILL still ends it.
    process.kill(pid, 'SIGSTOP');
    const killed = await loom(['kill-controller', '-y', '-t', '200ms']);
    assert.equal(killed.code, 0, killed.stderr);
    assert.match(
      killed.stderr,
      new RegExp(`Killed controller process ${pid}: it did not stop within 200 ms\n`),
    );
    assert.equal(existsSync(controllerPaths(home).database), false);
  });

  it('refuses a timeout that is not a duration', async () => {
    const { loom } = await freshHome();
    const result = await loom(['kill-controller', '-y', '-t', 'soon']);
    assert.equal(result.code, 2);
    assert.match(
      result.stderr,
      /option '-t, --timeout <duration>' argument 'soon' is invalid\. "soon" is not a duration; write it like 500ms, 30s, 5m or 1m30s\./,
    );
  });
});

describe('the home files a controller leaves', () => {
  it('are all removed by kill-controller, including the WAL and a stale pid file', async () => {
    const { home, loom } = await freshHome();
    await loom(['bootstrap']);
    await writeFile(`${controllerPaths(home).database}-note`, 'not ours');
    const killed = await loom(['kill-controller', '-y']);
    assert.equal(killed.code, 0, killed.stderr);
    // A file Loom did not write is left, and so the home with it.
    assert.equal(existsSync(`${controllerPaths(home).database}-note`), true);
    const paths = controllerPaths(home);
    for (const file of [paths.database, paths.address, paths.token, paths.lock, paths.log])
      assert.equal(existsSync(file), false, file);
    assert.equal(existsSync(`${paths.database}-wal`), false);
  });
});
