/**
 * Property: however a real charm's files are damaged (keys deleted, values of the wrong type,
 * garbage bytes, truncation), the loader never throws; it returns metadata or errors, and every
 * problem it reports points inside the files it was given.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import fc from 'fast-check';

import { corpusCharmDirectories, readCorpusCharm } from '../test-support/corpus.js';
import { loadCharm } from './load-charm.js';
import type { CharmFileName, CharmFiles } from './load-charm.js';

const WRONG_VALUES = [
  '[1, 2]',
  '{a: b}',
  '42',
  '-1',
  'yes',
  '~',
  '""',
  '3.5',
  '!!binary aGVsbG8=',
  '*nowhere',
  '&anchor x',
  '|',
  '{',
  ']',
];

type Mutation =
  | { kind: 'delete-line'; at: number }
  | { kind: 'wrong-value'; at: number; value: string }
  | { kind: 'garbage'; at: number; bytes: string }
  | { kind: 'truncate'; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete-line' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('wrong-value' as const),
    at: fc.nat(),
    value: fc.constantFrom(...WRONG_VALUES),
  }),
  fc.record({
    kind: fc.constant('garbage' as const),
    at: fc.nat(),
    bytes: fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.uint8Array({ maxLength: 8 }).map((b) => String.fromCharCode(...b)),
    ),
  }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

function mutate(text: string, change: Mutation): string {
  const lines = text.split('\n');
  const line = change.at % Math.max(lines.length, 1);
  switch (change.kind) {
    case 'delete-line':
      return lines.filter((_, index) => index !== line).join('\n');
    case 'wrong-value':
      return lines
        .map((content, index) =>
          index === line ? content.replace(/:.*$/, `: ${change.value}`) : content,
        )
        .join('\n');
    case 'garbage': {
      const offset = change.at % (text.length + 1);
      return text.slice(0, offset) + change.bytes + text.slice(offset);
    }
    case 'truncate':
      return text.slice(0, change.at % (text.length + 1));
  }
}

describe('loading damaged corpus charms', () => {
  const corpus = corpusCharmDirectories().map((directory) => readCorpusCharm(directory));

  it('never throws, and returns metadata or located errors', () => {
    const damaged = fc
      .record({
        charm: fc.nat({ max: corpus.length - 1 }),
        fileIndex: fc.nat(),
        changes: fc.array(mutation, { minLength: 1, maxLength: 4 }),
      })
      .map(({ charm, fileIndex, changes }) => {
        const files = corpus[charm]!;
        const names = Object.keys(files) as CharmFileName[];
        const name = names[fileIndex % names.length]!;
        const text = changes.reduce((current, change) => mutate(current, change), files[name]!);
        return { ...files, [name]: text } satisfies CharmFiles;
      });
    fc.assert(
      fc.property(damaged, (files) => {
        const result = loadCharm(files);
        if (!result.ok) assert.ok(result.problems.some((problem) => problem.severity === 'error'));
        for (const problem of result.problems) {
          assert.ok(problem.file in files, `problem in a file that was not given: ${problem.file}`);
          assert.ok(problem.line >= 1 && problem.column >= 1);
          assert.ok(problem.message.length > 0 && problem.fix.length > 0);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
