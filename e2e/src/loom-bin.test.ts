/**
 * After `npm ci`, the `loom` binary is linked into node_modules/.bin and runs from the
 * repository root (`npx loom ...`).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, it } from 'node:test';

import { REPOSITORY_ROOT, runProcess } from './repository.js';

describe('npx loom', () => {
  it('prints help from the repository root', async () => {
    const result = await runProcess('npx', ['--no-install', 'loom', '--help']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^Usage: loom \[options\] \[command\]/);
    assert.match(result.stdout, /charm\s+Work with charm directories/);
  });

  it('checks the example charm and exits 0', async () => {
    const result = await runProcess('npx', [
      '--no-install',
      'loom',
      'charm',
      'check',
      'examples/charms/shell-demo',
    ]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(
      result.stdout,
      /^Charm shell-demo \(metadata\.yaml in examples\/charms\/shell-demo\)/,
    );
    assert.match(result.stdout, /1 charm checked: 1 valid, 0 invalid/);
  });

  it('exits 2 with ERROR on stderr for an unknown command', async () => {
    const result = await runProcess('npx', ['--no-install', 'loom', 'frobnicate']);
    assert.equal(result.code, 2);
    // npx itself may print warnings first; the ERROR line is loom's.
    assert.match(result.stderr, /^ERROR unknown command 'frobnicate'/m);
  });

  it('exits quietly when its reader closes the pipe early (loom ... | head)', async () => {
    const child = spawn(
      process.execPath,
      [
        'packages/cli/bin/loom.js',
        'charm',
        'check',
        ...Array<string>(3000).fill('examples/charms/shell-demo'),
      ],
      { cwd: REPOSITORY_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdout.once('data', () => child.stdout.destroy());
    const [code] = (await once(child, 'close')) as [number | null];
    assert.equal(stderr, '');
    assert.equal(code, 0);
  });
});
