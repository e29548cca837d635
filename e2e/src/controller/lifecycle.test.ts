/**
 * The controller daemon's life through the `loom` binary: bootstrap, list, stop cleanly on
 * SIGTERM (credential files removed, shutdown logged), start again implicitly, destroy.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, describe, it } from 'node:test';

import { controllerPaths, processAlive, runningControllerPid } from '@loom/protocol';

import { bootstrapHome } from './controller-home.js';
import type { ControllerHome } from './controller-home.js';

describe('the controller daemon through the loom binary', () => {
  let controller: ControllerHome | undefined;
  after(() => controller?.dispose());

  it('stops cleanly on SIGTERM and starts again on the next command that needs it', async () => {
    controller = await bootstrapHome();
    const { home, loom } = controller;
    const paths = controllerPaths(home);
    const listed = await loom('controllers');
    assert.match(listed.stdout, /^Controller +Status +Models/);
    assert.match(listed.stdout, /\nloom\* +running +1 +http:\/\/127\.0\.0\.1:\d+ /);

    const pid = await controller.pid();
    process.kill(pid, 'SIGTERM');
    while (processAlive(pid)) await sleep(10);
    for (const file of [paths.address, paths.token, paths.lock])
      assert.equal(existsSync(file), false, `${file} removed on a clean stop`);
    assert.match(await readFile(paths.log, 'utf8'), /INFO SIGTERM: shutting down\n/);
    assert.match((await loom('controllers')).stdout, /\nloom\* +stopped +- +- +- /);

    const models = await loom('models');
    assert.equal(models.code, 0, models.stderr);
    const restarted = await runningControllerPid(home);
    assert.equal(
      models.stderr,
      `Started controller "loom" in ${home} (pid ${String(restarted)})\n`,
    );
    assert.match(models.stdout, /\ndefault\* +available/);

    const killed = await loom('kill-controller', '-y');
    assert.equal(killed.code, 0, killed.stderr);
    assert.equal(existsSync(home), false);
  });
});
