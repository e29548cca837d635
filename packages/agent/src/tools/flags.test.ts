import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { parseFlags } from './flags.js';
import type { FlagSpec } from './flags.js';

const SPECS: FlagSpec[] = [
  { name: 'relation', short: ['r'], kind: 'value' },
  { name: 'app', kind: 'boolean' },
  { name: 'log-level', short: ['l'], kind: 'value' },
];

describe('GNU flags (R7.1)', () => {
  it('reads -r 3, -r3, --relation 3 and --relation=3 alike', () => {
    for (const args of [['-r', '3'], ['-r3'], ['--relation', '3'], ['--relation=3'], ['-r=3']])
      assert.equal(parseFlags(args, SPECS).values.get('relation'), '3', args.join(' '));
  });

  it('mixes flags and positional arguments; -- ends flags; - is an argument', () => {
    const parsed = parseFlags(['key', '--app', '-', '--', '--not-a-flag'], SPECS);
    assert.deepEqual(parsed.positional, ['key', '-', '--not-a-flag']);
    assert.ok(parsed.booleans.has('app'));
  });

  it("reads booleans with Go's words (ops writes --application=False)", () => {
    assert.ok(parseFlags(['--app=true'], SPECS).booleans.has('app'));
    assert.ok(parseFlags(['--app=1'], SPECS).booleans.has('app'));
    assert.ok(!parseFlags(['--app=False'], SPECS).booleans.has('app'));
    assert.throws(() => parseFlags(['--app=maybe'], SPECS), /invalid boolean value "maybe"/);
  });

  it('names an unknown flag, and a flag missing its value', () => {
    assert.throws(
      () => parseFlags(['--nope'], SPECS),
      /^HookToolError: flag provided but not defined: --nope$/,
    );
    assert.throws(() => parseFlags(['-x'], SPECS), /flag provided but not defined: -x$/);
    assert.throws(() => parseFlags(['-r'], SPECS), /flag needs an argument: -r$/);
  });

  it('notes help, and how each flag was spelled', () => {
    const parsed = parseFlags(['-h', '--relation', '1'], SPECS);
    assert.ok(parsed.help);
    assert.equal(parsed.spelled.get('relation'), '--relation');
  });
});
