/**
 * spec/reactive-endpoint.md §4.6: the JSON charms.reactive writes (Python's json.dumps with
 * sort_keys) and its lenient reading, byte for byte, so Python and TypeScript layers interoperate.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { dataHash, lenientJsonLoads, pythonJsonDumps } from './python-json.js';

describe('Python-compatible JSON (§4.6)', () => {
  it('writes with ", " and ": " separators and sorted keys, strings quoted', () => {
    assert.equal(pythonJsonDumps({ new: 'complex' }), '{"new": "complex"}');
    assert.equal(pythonJsonDumps([1, 2]), '[1, 2]');
    assert.equal(pythonJsonDumps({ b: 1, a: [true, null] }), '{"a": [true, null], "b": 1}');
    assert.equal(pythonJsonDumps('foo'), '"foo"');
    assert.equal(pythonJsonDumps({}), '{}');
    assert.equal(pythonJsonDumps([]), '[]');
  });

  it('escapes non-ASCII and control characters as Python does (ensure_ascii)', () => {
    assert.equal(pythonJsonDumps('café'), '"caf\\u00e9"');
    assert.equal(pythonJsonDumps('a"b\\c\nd\te\u0001\u007f'), '"a\\"b\\\\c\\nd\\te\\u0001\\u007f"');
    assert.equal(pythonJsonDumps('😀'), '"\\ud83d\\ude00"');
  });

  it('writes floats as Python repr, ints in full, NaN and Infinity by name', () => {
    assert.equal(pythonJsonDumps(1.5), '1.5');
    assert.equal(pythonJsonDumps(0.0001), '0.0001');
    assert.equal(pythonJsonDumps(0.00001), '1e-05');
    assert.equal(pythonJsonDumps(-1.5e-7), '-1.5e-07');
    assert.equal(pythonJsonDumps(80), '80');
    assert.equal(pythonJsonDumps(1e21), '1000000000000000000000');
    assert.equal(pythonJsonDumps(Number.NaN), 'NaN');
    assert.equal(pythonJsonDumps(Number.NEGATIVE_INFINITY), '-Infinity');
  });

  it('sorts keys by code point, as Python compares str', () => {
    assert.equal(pythonJsonDumps({ '\uff41': 1, '😀': 2 }), '{"\\uff41": 1, "\\ud83d\\ude00": 2}');
  });

  it('reads leniently: empty as is, JSON decoded, anything else raw', () => {
    assert.equal(lenientJsonLoads(undefined), undefined);
    assert.equal(lenientJsonLoads(''), '');
    assert.equal(lenientJsonLoads('yes'), 'yes');
    assert.deepEqual(lenientJsonLoads('[1, 2]'), [1, 2]);
    assert.equal(lenientJsonLoads('80'), 80);
    assert.equal(lenientJsonLoads('true'), true);
    assert.equal(lenientJsonLoads('"x"'), 'x');
    assert.equal(lenientJsonLoads('null'), null);
    assert.equal(lenientJsonLoads('10.0.0.1'), '10.0.0.1');
    assert.ok(Number.isNaN(lenientJsonLoads('NaN')));
  });

  it('hashes the decoded value, so re-encoding changes nothing', () => {
    assert.equal(dataHash(lenientJsonLoads('{"b":1,"a":2}')), dataHash({ a: 2, b: 1 }));
    assert.notEqual(dataHash('80'), dataHash(80));
    assert.equal(dataHash(undefined), dataHash(null));
  });
});
