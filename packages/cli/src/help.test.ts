/**
 * Every command in the tree explains itself: a description, and help that ends with examples of
 * `loom` command lines. Every command refuses an option it does not have with exit 2.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import type { Command } from 'commander';

import { captureIo } from './io.js';
import { createProgram, runCli } from './run.js';

async function loom(...argv: string[]) {
  const io = captureIo({ cwd: '.' });
  const code = await runCli(argv, io);
  return { code, ...io.output() };
}

/** Every command under `command`, with the words that name it after `loom`. */
function commandsUnder(
  command: Command,
  path: readonly string[] = [],
): { path: readonly string[]; command: Command }[] {
  return command.commands.flatMap((sub) => {
    const subPath = [...path, sub.name()];
    return [{ path: subPath, command: sub }, ...commandsUnder(sub, subPath)];
  });
}

const program = createProgram(captureIo({ cwd: '.' }), () => undefined);
const commands = [{ path: [], command: program }, ...commandsUnder(program)];

/** The lines of the Examples section of a help text. */
function examples(help: string): string[] {
  const section = /\nExamples:\n((?: {2}.*\n)+)/.exec(help)?.[1];
  return section === undefined ? [] : section.trimEnd().split('\n');
}

describe('loom help', () => {
  it('walks the whole command tree, subcommands included', () => {
    const names = commands.map(({ path }) => path.join(' '));
    for (const name of ['', 'deploy', 'status', 'charm', 'charm check', 'completion'])
      assert.ok(names.includes(name), `"${name}" is in the tree walked`);
  });

  for (const { path, command } of commands) {
    const name = ['loom', ...path].join(' ');

    it(`${name} has a description and help with an example of a loom command line`, async () => {
      assert.notEqual(command.description().trim(), '', `${name} has a description`);
      const { code, stdout, stderr } = await loom(...path, '--help');
      assert.equal(code, 0, stderr);
      assert.ok(stdout.startsWith(command.helpInformation()), `${name} --help shows its usage`);
      const lines = examples(stdout);
      assert.ok(
        lines.some((line) => line.startsWith('  loom ')),
        `${name} --help has "Examples:" with a line starting "  loom ": ${JSON.stringify(lines)}`,
      );
    });

    it(`${name} refuses an unknown option with ERROR on stderr and exit 2`, async () => {
      const { code, stdout, stderr } = await loom(...path, '--no-such-option');
      assert.equal(code, 2);
      assert.equal(stdout, '');
      assert.match(stderr, /^ERROR unknown option '--no-such-option'/);
    });
  }

  it('refuses an unknown subcommand with ERROR on stderr, a suggestion, and exit 2', async () => {
    const { code, stdout, stderr } = await loom('charm', 'chekc', './my-charm');
    assert.equal(code, 2);
    assert.equal(stdout, '');
    assert.match(stderr, /^ERROR unknown command 'chekc'\n\(Did you mean check\?\)/);
  });
});
