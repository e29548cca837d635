/**
 * `npm start` runs Loom's main job: for now, checking the example charms and the whole real-charm
 * corpus, ending with a summary.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { runProcess } from './repository.js';

describe('npm start', () => {
  it('checks the example charms and the corpus, all valid, and prints the summary', async () => {
    const result = await runProcess('npm', ['start', '--silent']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /Checking 3 example and 92 corpus charm directories/);
    assert.match(
      result.stdout,
      /\nshell-demo\s+valid\s+1\s+1\s+1\s+2\s+1\s+0\s+0\s+examples\/charms\/shell-demo\n/,
    );
    assert.match(
      result.stdout,
      /\nhook-recorder\s+valid\s+1\s+1\s+1\s+6\s+1\s+0\s+0\s+examples\/charms\/hook-recorder\n/,
    );
    assert.match(
      result.stdout,
      /\n95 charms checked: 95 valid, 0 invalid \(0 errors, \d+ warnings\)\n$/,
    );
  });
});
