/**
 * The `loom` program's conventions: help, version, `ERROR <message>` on stderr, and exit code 2
 * for usage errors.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

import { captureIo } from './io.js';
import { runCli } from './run.js';
import { LOOM_VERSION } from './version.js';

async function loom(...argv: string[]) {
  const io = captureIo({ cwd: '.' });
  const code = await runCli(argv, io);
  return { code, ...io.output() };
}

describe('loom', () => {
  it('prints help listing the charm command, with an example, and exits 0', async () => {
    const { code, stdout } = await loom('--help');
    assert.equal(code, 0);
    assert.match(stdout, /^Usage: loom \[options\] \[command\]/);
    assert.match(stdout, /\n {2}charm\s+Work with charm directories/);
    assert.match(stdout, /Examples:\n {2}loom bootstrap\n/);
  });

  it('prints help when run without arguments, and exits 0', async () => {
    const { code, stdout } = await loom();
    assert.equal(code, 0);
    assert.match(stdout, /^Usage: loom/);
  });

  it('gives help with an example for charm check', async () => {
    const { code, stdout } = await loom('charm', 'check', '--help');
    assert.equal(code, 0);
    assert.match(stdout, /Usage: loom charm check \[options\] <dir\.\.\.>/);
    assert.match(
      stdout,
      /--format <format>\s+output format \(choices: "tabular", "json", default:\s+"tabular"\)/,
    );
    assert.match(stdout, /Examples:\n {2}loom charm check \.\/my-charm\n/);
  });

  it('prints the version of the cli package', async () => {
    const { code, stdout } = await loom('--version');
    assert.equal(code, 0);
    assert.equal(stdout, `${LOOM_VERSION}\n`);
    const manifest = JSON.parse(
      readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
    ) as { version: string };
    assert.equal(LOOM_VERSION, manifest.version);
  });

  it('refuses an unknown command with ERROR on stderr, a suggestion, and exit 2', async () => {
    const { code, stdout, stderr } = await loom('chram');
    assert.equal(code, 2);
    assert.equal(stdout, '');
    assert.match(stderr, /^ERROR unknown command 'chram'\n\(Did you mean charm\?\)/);
  });

  it('refuses an unknown flag with exit 2', async () => {
    const { code, stderr } = await loom('charm', 'check', '--colour', 'x');
    assert.equal(code, 2);
    assert.match(stderr, /^ERROR unknown option '--colour'/);
  });

  it('refuses a format outside the choices with exit 2', async () => {
    const { code, stderr } = await loom('charm', 'check', '--format', 'xml', 'x');
    assert.equal(code, 2);
    assert.match(
      stderr,
      /^ERROR option '--format <format>' argument 'xml' is invalid\. Allowed choices are tabular, json\./,
    );
  });

  it('refuses charm check without a directory with exit 2', async () => {
    const { code, stderr } = await loom('charm', 'check');
    assert.equal(code, 2);
    assert.match(stderr, /^ERROR missing required argument 'dir'/);
  });
});
