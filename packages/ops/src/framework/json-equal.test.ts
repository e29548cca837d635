/** jsonEqual: what the framework uses to find equal deferred events and non-JSON snapshots. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { jsonEqual } from './json-equal.js';

describe('jsonEqual', () => {
  it('compares JSON data deeply, object keys in any order', () => {
    assert.ok(jsonEqual({ a: [1, { b: 'x' }], c: null }, { c: null, a: [1, { b: 'x' }] }));
    assert.ok(!jsonEqual({ a: [1, 2] }, { a: [2, 1] }));
    assert.ok(!jsonEqual({ a: 1 }, { a: 1, b: 2 }));
    assert.ok(!jsonEqual([1], { 0: 1 }));
    assert.ok(!jsonEqual('1', 1));
  });

  it('tells values that are not plain JSON from their JSON round trip', () => {
    for (const value of [{ at: new Date(0) }, { n: Number.NaN }, { u: undefined }, [new Map()]]) {
      assert.ok(!jsonEqual(JSON.parse(JSON.stringify(value)), value), JSON.stringify(value));
    }
    class Point {
      x = 1;
    }
    assert.ok(!jsonEqual({ x: 1 }, new Point()));
  });
});
