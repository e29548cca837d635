import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { parseDuration } from './duration.js';

describe('durations on the command line', () => {
  it('reads Juju-style durations into milliseconds', () => {
    assert.equal(parseDuration('500ms'), 500);
    assert.equal(parseDuration('30s'), 30_000);
    assert.equal(parseDuration('1.5s'), 1_500);
    assert.equal(parseDuration('5m'), 300_000);
    assert.equal(parseDuration('1m30s'), 90_000);
    assert.equal(parseDuration('2h'), 7_200_000);
  });

  it('refuses anything else, naming the text and the accepted forms', () => {
    for (const text of ['', '30', 's', '3 s', '5d', '1m30', '-1s'])
      assert.throws(
        () => parseDuration(text),
        new RegExp(`^InvalidArgumentError: "${text}" is not a duration; write it like 500ms`),
      );
  });
});
