import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  decodeNetstrings,
  decodeRequest,
  decodeResponse,
  encodeNetstrings,
  encodeRequest,
  encodeResponse,
} from './hook-tool-wire.js';

describe('the hook-tool wire (R6.8)', () => {
  it('round-trips requests, with and without stdin, and binary-safe fields', () => {
    const request = {
      contextId: 'app/0-install-42',
      cwd: '/var/lib/charm',
      command: 'relation-set',
      args: ['a=1', '', 'b=ü,:x'],
    };
    assert.deepEqual(decodeRequest(encodeRequest(request)), request);
    const withStdin = { ...request, stdin: Buffer.from([0, 1, 2, 0x2c]) };
    assert.deepEqual(decodeRequest(encodeRequest(withStdin)), withStdin);
  });

  it('round-trips responses and the request for stdin', () => {
    const ok = {
      status: 'ok',
      code: 2,
      stdout: Buffer.from('x\n'),
      stderr: Buffer.from(''),
    } as const;
    assert.deepEqual(decodeResponse(encodeResponse(ok)), ok);
    assert.deepEqual(decodeResponse(encodeResponse({ status: 'need-stdin' })), {
      status: 'need-stdin',
    });
  });

  it('encodes netstrings as <length>:<bytes>, and refuses malformed ones', () => {
    assert.equal(encodeNetstrings(['ab', '']).toString(), '2:ab,0:,');
    for (const bad of ['2:ab', '2:abc,', 'x:,', '01:a,'])
      assert.throws(() => decodeNetstrings(Buffer.from(bad)), /hook tool wire: /, bad);
    assert.throws(
      () => decodeRequest(encodeNetstrings(['other/1', 'c', '/', 'x', '0', '0', ''])),
      /expected "loom-tool\/1", got "other\/1"/,
    );
  });
});
