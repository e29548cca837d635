/**
 * @loom/ops's two hook-tool transports keep one contract against a real unit agent: the same
 * calls (packages/ops/src/test-support/backend-contract.ts) run in a unit's hook context through
 * hook-tool processes (as under real Juju) and straight through the agent's socket answer the
 * same, and the automatic choice picks the socket under Loom. A few answers are also checked
 * outright, so that both transports cannot agree on something wrong.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';

import { settled } from '../agents/hook-records.js';
import { controllerForSuite, RECORDER } from '../agents/recorder-suite.js';
import { REPOSITORY_ROOT } from '../repository.js';

const model = 'default';
const PROBE = join(REPOSITORY_ROOT, 'packages', 'ops', 'dist', 'test-support', 'backend-probe.js');

interface ProbeOutput {
  readonly transport: string;
  readonly answers: Record<string, unknown>;
}

describe('the hook-tool backends of @loom/ops against a real agent', () => {
  const suite = controllerForSuite();

  const probe = async (transport: string): Promise<ProbeOutput> => {
    const result = await suite.controller.loom(
      'exec',
      '--unit',
      'app/0',
      '--',
      process.execPath,
      PROBE,
      transport,
    );
    assert.equal(result.code, 0, result.stderr);
    return JSON.parse(result.stdout) as ProbeOutput;
  };

  it('answers every call the same through processes and through the socket', async () => {
    await suite.client.call('deploy', { model, application: 'db', charm: { path: RECORDER } });
    await suite.client.call('deploy', { model, application: 'app', charm: { path: RECORDER } });
    await suite.client.call('integrate', { model, endpoints: ['app:sink', 'db:source'] });
    await settled(suite.client, model, (hooks) =>
      hooks.some((hook) => hook.unit === 'app/0' && hook.hook === 'sink-relation-changed'),
    );
    const processes = await probe('process');
    const socket = await probe('socket');
    assert.equal(processes.transport, 'process');
    assert.equal(socket.transport, 'socket');
    assert.deepEqual(socket.answers, processes.answers);

    const answers = processes.answers;
    assert.deepEqual(answers['relation-list'], { value: ['db/0'] });
    assert.deepEqual(answers['relation-list --app'], { value: 'db' });
    assert.deepEqual(answers['relation-set, read back in the same context, then put back'], {
      value: { written: 'a value with spaces\nand a line', after: null },
    });
    assert.deepEqual(answers['relation-get of a relation that is not there'], {
      error: 'RelationNotFoundError',
      message: 'ERROR invalid value "sink:999" for flag -r: relation not found',
    });
    assert.deepEqual(answers['is-leader'], { value: true });
    // R7.24: opened-ports shows the ports as of hook start, not this context's changes.
    assert.deepEqual(answers['open-port, opened-ports, close-port'], {
      value: { open: [], after: [] },
    });
    assert.deepEqual(answers['state-set, state-get, state-delete'], {
      value: { set: '{"n":1}', after: null },
    });
    assert.deepEqual(answers['action-get outside an action'], {
      error: 'ModelError',
      message: 'ERROR not running an action',
    });
  });

  it('picks the socket by itself under Loom, with the same answers', async () => {
    const auto = await probe('auto');
    assert.equal(auto.transport, 'socket');
    assert.deepEqual(auto.answers, (await probe('process')).answers);
  });
});
