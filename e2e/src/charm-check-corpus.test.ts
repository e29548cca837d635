/**
 * `loom charm check --summary` on every example charm and the whole real-charm corpus: all load
 * as Juju loads them, ending with a summary.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';

import { REPOSITORY_ROOT, runProcess } from './repository.js';

/** The example charm directories: every one is checked, whatever is added. */
const EXAMPLES = readdirSync(join(REPOSITORY_ROOT, 'examples', 'charms'), {
  withFileTypes: true,
}).filter((entry) => entry.isDirectory()).length;

/** The corpus of real charms beside the project. */
const CORPUS = join(REPOSITORY_ROOT, '..', 'shared', 'corpus', 'charms');

function directories(parent: string): string[] {
  return readdirSync(parent, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(parent, entry.name))
    .sort();
}

describe('loom charm check on the examples and the corpus', () => {
  it('checks every example charm and the 92 corpus charms, all valid, and prints the summary', async () => {
    const examples = directories(join(REPOSITORY_ROOT, 'examples', 'charms')).map((path) =>
      relative(REPOSITORY_ROOT, path),
    );
    const corpus = directories(CORPUS).map((path) => relative(REPOSITORY_ROOT, path));
    const result = await runProcess(process.execPath, [
      join(REPOSITORY_ROOT, 'packages', 'cli', 'bin', 'loom.js'),
      'charm',
      'check',
      '--summary',
      ...examples,
      ...corpus,
    ]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^Charm +Status +Provides/);
    assert.equal(corpus.length, 92);
    assert.match(
      result.stdout,
      /\nshell-demo\s+valid\s+1\s+1\s+1\s+2\s+1\s+0\s+0\s+examples\/charms\/shell-demo\n/,
    );
    assert.match(
      result.stdout,
      /\ndatabase\s+valid\s+1\s+0\s+1\s+0\s+0\s+0\s+0\s+examples\/charms\/database\n/,
    );
    assert.match(
      result.stdout,
      /\nhook-recorder\s+valid\s+1\s+1\s+1\s+6\s+1\s+0\s+0\s+examples\/charms\/hook-recorder\n/,
    );
    assert.match(
      result.stdout,
      new RegExp(
        `\\n${EXAMPLES + 92} charms checked: ${EXAMPLES + 92} valid, 0 invalid \\(0 errors, \\d+ warnings\\)\\n$`,
      ),
    );
  });
});
