/**
 * Machine agents live and die with their controller: stopped with it (SIGTERM, via
 * kill-controller), and gone by themselves when it is killed with -9, so a restarted controller
 * never finds old agents beside the ones it starts.
 */
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, describe, it } from 'node:test';

import { processAlive } from '@loom/protocol';

import { bootstrapHome } from '../controller/controller-home.js';
import type { ControllerHome } from '../controller/controller-home.js';
import { agentPid } from './agent-process.js';
import { RECORDER } from './recorder-suite.js';

async function gone(pid: number): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (processAlive(pid)) {
    assert.ok(Date.now() < deadline, `process ${pid} is still running`);
    await sleep(50);
  }
}

describe('machine agents and their controller', () => {
  let controller: ControllerHome | undefined;
  after(() => controller?.dispose());

  it('stop with kill-controller, and exit by themselves when the controller is killed', async () => {
    controller = await bootstrapHome();
    const { home, loom } = controller;
    assert.equal((await loom('deploy', RECORDER, 'db')).code, 0);
    assert.equal((await loom('wait', '--timeout', '60s')).code, 0);
    const first = await agentPid(home, 'default', '0');
    assert.ok(first !== undefined);
    await controller.kill9();
    await gone(first);

    assert.equal((await loom('bootstrap')).code, 0);
    assert.equal((await loom('wait', '--timeout', '60s')).code, 0);
    const second = await agentPid(home, 'default', '0');
    assert.ok(
      second !== undefined && second !== first,
      'the restarted controller started an agent',
    );
    assert.equal((await loom('kill-controller', '-y')).code, 0);
    await gone(second);
  });
});
