/**
 * `loom completion bash`: the script is sourced in a real bash, which is then asked to complete
 * command lines as it would on a tab (COMP_WORDS, COMP_CWORD, then `_loom`).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';

import { captureIo } from '../io.js';
import { createProgram, runCli } from '../run.js';

const run = promisify(execFile);

async function loom(...argv: string[]) {
  const io = captureIo({ cwd: '.' });
  const code = await runCli(argv, io);
  return { code, ...io.output() };
}

/** Sources `script` in bash and completes the last of `words`, in `cwd`, with `path` first on PATH. */
async function complete(
  script: string,
  words: readonly string[],
  options: { cwd: string; path?: string },
): Promise<string[]> {
  const body = [
    'source <(printf "%s" "$LOOM_COMPLETION")',
    'COMP_WORDS=("$@")',
    'COMP_CWORD=$(($# - 1))',
    '_loom',
    'printf "%s\\n" "${COMPREPLY[@]}"',
  ].join('\n');
  const { stdout } = await run('bash', ['--norc', '--noprofile', '-c', body, 'bash', ...words], {
    cwd: options.cwd,
    env: {
      PATH: [options.path, process.env.PATH].filter((part) => part !== undefined).join(delimiter),
      LOOM_COMPLETION: script,
    },
    timeout: 10_000,
  });
  return stdout.split('\n').filter((line) => line !== '');
}

describe('loom completion bash', () => {
  let script: string;
  let dir: string;
  let completeIn: (...words: string[]) => Promise<string[]>;
  before(async () => {
    const generated = await loom('completion', 'bash');
    assert.equal(generated.code, 0, generated.stderr);
    script = generated.stdout;
    dir = await mkdtemp(join(tmpdir(), 'loom-completion-'));
    completeIn = (...words) => complete(script, words, { cwd: dir });
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('registers _loom for loom when sourced', async () => {
    const { stdout } = await run(
      'bash',
      ['--norc', '--noprofile', '-c', 'source <(printf "%s" "$LOOM_COMPLETION"); complete -p loom'],
      { env: { LOOM_COMPLETION: script }, timeout: 10_000 },
    );
    assert.equal(stdout, 'complete -F _loom loom\n');
  });

  it('offers every top-level command and alias, and commander help, for an empty word', async () => {
    const program = createProgram(captureIo({ cwd: '.' }), () => undefined);
    const names = program.commands.flatMap((command) => [command.name(), ...command.aliases()]);
    assert.ok(names.includes('deploy') && names.includes('relate') && names.includes('charm'));
    assert.deepEqual((await completeIn('loom', '')).sort(), [...names, 'help'].sort());
  });

  it('completes a command from its prefix: dep to deploy, st to status, rel to relate', async () => {
    assert.deepEqual(await completeIn('loom', 'dep'), ['deploy']);
    assert.deepEqual(await completeIn('loom', 'st'), ['status']);
    assert.deepEqual(await completeIn('loom', 'rel'), ['relate']);
  });

  it('completes subcommands, and command names after help', async () => {
    assert.deepEqual(await completeIn('loom', 'charm', 'ch'), ['check']);
    assert.deepEqual(await completeIn('loom', 'help', 'dep'), ['deploy']);
  });

  it("completes deploy's options, long and short", async () => {
    assert.deepEqual(await completeIn('loom', 'deploy', '--nu'), ['--num-units']);
    assert.deepEqual((await completeIn('loom', 'deploy', '-')).sort(), [
      '--config',
      '--dry-run',
      '--help',
      '--model',
      '--num-units',
      '--to',
      '-h',
      '-m',
      '-n',
    ]);
  });

  it("completes an option's choices, also after an option that takes a value", async () => {
    assert.deepEqual(await completeIn('loom', 'charm', 'check', '--format', ''), [
      'tabular',
      'json',
    ]);
    assert.deepEqual(await completeIn('loom', 'deploy', '-n', '3', '--dr'), ['--dry-run']);
  });

  it("completes paths for deploy's charm and charm check's directories, and nothing else", async () => {
    await mkdir(join(dir, 'my-charm'));
    await writeFile(join(dir, 'bundle.yaml'), 'applications: {}\n');
    assert.deepEqual((await completeIn('loom', 'deploy', '')).sort(), ['bundle.yaml', 'my-charm']);
    assert.deepEqual(await completeIn('loom', 'deploy', '-n', '2', 'my'), ['my-charm']);
    assert.deepEqual(await completeIn('loom', 'deploy', 'my-charm', ''), []);
    assert.deepEqual(await completeIn('loom', 'charm', 'check', 'my-charm', 'b'), ['bundle.yaml']);
    assert.deepEqual(await completeIn('loom', 'status', ''), []);
  });

  it('completes model names after -m and --model from loom models --format json', async () => {
    const bin = join(dir, 'bin');
    await mkdir(bin, { recursive: true });
    // A stand-in for loom printing what `loom models --format json` prints, so no controller starts.
    const listing = (name: string) => ({
      name,
      uuid: `uuid-${name}`,
      revision: 1,
      createdAt: '2026-01-01T00:00:00.000Z',
      machines: 0,
      applications: 0,
      units: 0,
    });
    const json = JSON.stringify(
      { models: [listing('default'), listing('staging')], 'current-model': 'default' },
      null,
      2,
    );
    await writeFile(
      join(bin, 'loom'),
      `#!/bin/sh\n[ "$*" = "models --format json" ] || exit 2\ncat <<'EOF'\n${json}\nEOF\n`,
    );
    await chmod(join(bin, 'loom'), 0o755);
    const withModels = (...words: string[]) => complete(script, words, { cwd: dir, path: bin });
    assert.deepEqual(await withModels('loom', 'status', '-m', ''), ['default', 'staging']);
    assert.deepEqual(await withModels('loom', 'deploy', '--model', 'st'), ['staging']);
    assert.deepEqual(await withModels('loom', 'status', '--model', '=', 'de'), ['default']);
  });

  it('completes the shells it supports', async () => {
    assert.deepEqual(await completeIn('loom', 'completion', ''), ['bash']);
  });

  it('refuses a shell it has no script for with exit 2, naming the supported shells', async () => {
    assert.deepEqual(await loom('completion', 'zsh'), {
      code: 2,
      stdout: '',
      stderr:
        'ERROR unknown shell "zsh"; loom completion supports bash: run "loom completion bash"\n',
    });
  });
});
