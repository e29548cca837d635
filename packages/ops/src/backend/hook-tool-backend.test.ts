/**
 * The backend's command lines are ops's (spec/ops-api.md §3.6): checked against fake hook tools
 * that record their arguments and stdin, run as processes and through the socket runner (with a
 * server speaking the hook-tool wire, as Loom's agent does). Failures map to ops's errors.
 */
import assert from 'node:assert/strict';
import { chmod, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { decodeRequest, encodeResponse } from '@loom/protocol/hook-tool-wire';

import { ModelError, RelationNotFoundError } from '../model/errors.js';
import { HookToolBackend } from './hook-tool-backend.js';
import { SocketToolRunner } from './socket-tool-runner.js';
import { ProcessToolRunner } from './tool-runner.js';

const TOOLS = [
  'relation-ids',
  'relation-list',
  'relation-get',
  'relation-set',
  'config-get',
  'is-leader',
  'status-get',
  'status-set',
  'network-get',
  'juju-log',
  'action-get',
  'action-set',
  'action-log',
  'action-fail',
  'application-version-set',
  'open-port',
  'close-port',
  'opened-ports',
  'goal-state',
];

/** A fake tool: logs `<name> <args...>` and its stdin, answers `[]`, or fails for `gone/0`. */
const FAKE_TOOL = `#!/bin/sh
name=$(basename "$0")
input=""
if [ "$name" = relation-set ]; then input=$(cat); fi
echo "$name $* $input" >> "$FAKE_LOG"
case "$*" in
  *gone/0*) echo "ERROR relation not found" >&2; exit 2 ;;
  *broken*) echo "ERROR permission denied" >&2; exit 1 ;;
esac
case "$name" in
  is-leader) echo true ;;
  relation-get|config-get|status-get|network-get|action-get|goal-state) echo '{}' ;;
  relation-list) case "$*" in *--app*) echo '"pg"' ;; *) echo '["pg/0"]' ;; esac ;;
  *) echo '[]' ;;
esac
`;

/** Every call the backend makes in one go, as (command line, stdin) the tools saw. */
async function exercise(backend: HookToolBackend): Promise<void> {
  const db = { endpoint: 'db', id: 3 };
  await backend.relationIds('db');
  await backend.relationList(db);
  await backend.relationRemoteApp(db);
  await backend.relationGet(db, 'pg/0', false);
  await backend.relationGet(db, 'demo', true);
  await backend.relationSet(db, { seen: '10.0.0.5' }, false);
  await backend.relationSet(db, { token: 'x' }, true);
  await backend.configGet();
  await backend.isLeader();
  await backend.statusGet(false);
  await backend.statusSet('active', 'n=2', false);
  await backend.networkGet('db', 3);
  await backend.jujuLog('INFO', 'hello');
  await backend.actionGet();
  await backend.actionSet({ out: { a: 1 }, done: 'yes' });
  await backend.actionLog('working');
  await backend.actionFail('no');
  await backend.applicationVersionSet('1.2');
  await backend.openPort('tcp', 80);
  await backend.closePort('icmp');
  await backend.openedPorts();
  await backend.goalState();
}

const EXPECTED = [
  'relation-ids db --format=json',
  'relation-list --format=json -r db:3',
  'relation-list --format=json --app -r db:3',
  'relation-get --format=json -r db:3 - pg/0',
  'relation-get --format=json -r db:3 --app - demo',
  'relation-set -r db:3 --file - {"seen":"10.0.0.5"}',
  'relation-set -r db:3 --app --file - {"token":"x"}',
  'config-get --format=json',
  'is-leader --format=json',
  'status-get --include-data --format=json --application=false',
  'status-set --application=False active -- n=2',
  'network-get --format=json -r 3 db',
  'juju-log --log-level INFO -- hello',
  'action-get --format=json',
  'action-set out.a=1 done=yes',
  'action-log -- working',
  'action-fail -- no',
  'application-version-set -- 1.2',
  'open-port 80/tcp',
  'close-port icmp',
  'opened-ports --format=json',
  'goal-state --format=json',
];

describe('HookToolBackend', () => {
  let directory: string;
  let log: string;
  let env: NodeJS.ProcessEnv;
  before(async () => {
    directory = await mkdtemp(join(tmpdir(), 'loom-ops-tools-'));
    log = join(directory, 'calls.log');
    const tool = join(directory, 'fake-tool');
    await writeFile(tool, FAKE_TOOL);
    await chmod(tool, 0o755);
    for (const name of TOOLS) await symlink(tool, join(directory, name));
    env = { PATH: `${directory}:/usr/bin:/bin`, FAKE_LOG: log };
  });
  after(() => rm(directory, { recursive: true, force: true }));

  const calls = async () =>
    (await readFile(log, 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((line) => line.trimEnd());

  it("calls each tool with ops's command line, as processes", async () => {
    await rm(log, { force: true });
    await exercise(new HookToolBackend(new ProcessToolRunner(env)));
    assert.deepEqual(await calls(), EXPECTED);
  });

  it('calls each tool with the same command line through the socket runner', async () => {
    await rm(log, { force: true });
    const socketPath = join(directory, 'agent.sock');
    const runner = new ProcessToolRunner(env);
    const seen: { contextId: string; cwd: string }[] = [];
    // Stands in for the agent: runs the fake tool and answers on the wire, asking for stdin.
    const server: Server = createServer({ allowHalfOpen: true }, (socket) => {
      const chunks: Buffer[] = [];
      socket.on('data', (chunk: Buffer) => chunks.push(chunk));
      socket.on('end', () => {
        const request = decodeRequest(Buffer.concat(chunks));
        seen.push({ contextId: request.contextId, cwd: request.cwd });
        if (request.command === 'relation-set' && request.stdin === undefined) {
          socket.end(encodeResponse({ status: 'need-stdin' }));
          return;
        }
        void runner
          .run(request.command, request.args, request.stdin?.toString('utf8'))
          .then((result) => {
            socket.end(
              encodeResponse({
                status: 'ok',
                code: result.code,
                stdout: Buffer.from(result.stdout),
                stderr: Buffer.from(result.stderr),
              }),
            );
          });
      });
    });
    await new Promise<void>((resolve) => server.listen(socketPath, resolve));
    try {
      const backend = new HookToolBackend(
        new SocketToolRunner({ socketPath, contextId: 'demo/0-install-1', cwd: directory }),
      );
      await exercise(backend);
      assert.deepEqual(await calls(), EXPECTED);
      assert.deepEqual(seen[0], { contextId: 'demo/0-install-1', cwd: directory });
    } finally {
      server.close();
    }
  });

  it("maps failures to ops's errors, with the tool's message", async () => {
    const backend = new HookToolBackend(new ProcessToolRunner(env));
    await assert.rejects(
      backend.relationGet({ endpoint: 'db', id: 3 }, 'gone/0', false),
      (error: Error) => {
        assert.ok(error instanceof RelationNotFoundError);
        assert.equal(error.message, 'ERROR relation not found');
        return true;
      },
    );
    await assert.rejects(
      backend.relationGet({ endpoint: 'db', id: 3 }, 'broken/0', false),
      (error: Error) => {
        assert.ok(error instanceof ModelError && !(error instanceof RelationNotFoundError));
        assert.equal(error.message, 'ERROR permission denied');
        return true;
      },
    );
    await assert.rejects(
      new HookToolBackend(new ProcessToolRunner({ PATH: '/nowhere' })).isLeader(),
      {
        message: 'hook tool "is-leader" not found on PATH; is this running in a hook?',
      },
    );
  });
});
