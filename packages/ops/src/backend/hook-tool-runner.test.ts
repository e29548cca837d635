/**
 * Which transport a hook's tools use: automatic by default, or the one LOOM_OPS_TRANSPORT names,
 * with clear errors for a value it does not know or a socket the hook does not have.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { AutoToolRunner, hookToolRunner } from './auto-tool-runner.js';
import { SocketToolRunner } from './socket-tool-runner.js';
import { ProcessToolRunner } from './tool-runner.js';

const SOCKET = { socketPath: '/tmp/agent.sock', contextId: 'app/0-install-1', cwd: '/tmp' };

describe('hookToolRunner', () => {
  it('is automatic unless LOOM_OPS_TRANSPORT says otherwise', () => {
    assert.ok(hookToolRunner({}, SOCKET) instanceof AutoToolRunner);
    assert.ok(hookToolRunner({ LOOM_OPS_TRANSPORT: 'auto' }, SOCKET) instanceof AutoToolRunner);
    assert.ok(
      hookToolRunner({ LOOM_OPS_TRANSPORT: 'process' }, SOCKET) instanceof ProcessToolRunner,
    );
    assert.ok(hookToolRunner({ LOOM_OPS_TRANSPORT: 'socket' }, SOCKET) instanceof SocketToolRunner);
  });

  it('names the variable and the values it takes', () => {
    assert.throws(
      () => hookToolRunner({ LOOM_OPS_TRANSPORT: 'pipe' }, SOCKET),
      /^Error: LOOM_OPS_TRANSPORT is "pipe"; use auto \(the default\), process or socket$/,
    );
    assert.throws(
      () => hookToolRunner({ LOOM_OPS_TRANSPORT: 'socket' }, undefined),
      /LOOM_OPS_TRANSPORT=socket, but this hook has no unix agent socket/,
    );
  });
});
