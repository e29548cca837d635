import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import fc from 'fast-check';

import { compareNames } from '../model/keys.js';
import { PendingUnits } from './pending-units.js';

describe('PendingUnits', () => {
  it('gives the byte-wise smallest unit: app/10 before app/2', () => {
    const pending = new PendingUnits();
    for (const unit of ['app/2', 'app/10', 'app/1']) pending.add(unit);
    assert.equal(pending.min(), 'app/1');
    pending.delete('app/1');
    assert.equal(pending.min(), 'app/10');
    assert.equal(pending.size, 2);
  });

  it('agrees with a plain set under random adds and deletes, stale entries included', () => {
    const unit = fc.integer({ min: 0, max: 40 }).map((n) => `u/${n}`);
    const step = fc.record({ add: fc.boolean(), unit });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 400 }), (steps) => {
        const pending = new PendingUnits();
        const reference = new Set<string>();
        for (const { add, unit: name } of steps) {
          if (add) {
            pending.add(name);
            reference.add(name);
          } else {
            pending.delete(name);
            reference.delete(name);
          }
          assert.equal(pending.min(), [...reference].sort(compareNames)[0]);
          assert.equal(pending.size, reference.size);
          assert.equal(pending.has(name), reference.has(name));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('empties on clear', () => {
    const pending = new PendingUnits();
    pending.add('a/0');
    pending.clear();
    assert.equal(pending.min(), undefined);
  });
});
