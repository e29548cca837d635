/**
 * `npm start` runs Loom's main job: for now, checking the example charms and the whole real-charm
 * corpus, ending with a summary.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

import { REPOSITORY_ROOT, runProcess } from './repository.js';

/** The example charm directories: every one is checked, whatever is added. */
const EXAMPLES = readdirSync(join(REPOSITORY_ROOT, 'examples', 'charms'), {
  withFileTypes: true,
}).filter((entry) => entry.isDirectory()).length;

describe('npm start', () => {
  it('checks the example charms and the corpus, all valid, and prints the summary', async () => {
    const result = await runProcess('npm', ['start', '--silent']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(
      result.stdout,
      new RegExp(`Checking ${EXAMPLES} example and 92 corpus charm directories`),
    );
    assert.match(
      result.stdout,
      /\nshell-demo\s+valid\s+1\s+1\s+1\s+2\s+1\s+0\s+0\s+examples\/charms\/shell-demo\n/,
    );
    assert.match(
      result.stdout,
      /\ndatabase\s+valid\s+0\s+0\s+1\s+0\s+0\s+0\s+0\s+examples\/charms\/database\n/,
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
