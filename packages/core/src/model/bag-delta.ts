/**
 * Applying a write to versioned settings (relation bags, leader settings): keys set, `""` deletes
 * (R4.5), and a write that changes nothing leaves the version alone (R4.6).
 */
import type { Bag } from './entities.js';

/** The bag after the write, or undefined when the write changes nothing. */
export function applyBagDelta(bag: Bag, settings: ReadonlyMap<string, string>): Bag | undefined {
  const values = new Map(bag.values);
  let changed = false;
  for (const [key, value] of settings) {
    if (value === '') changed = values.delete(key) || changed;
    else if (values.get(key) !== value) {
      values.set(key, value);
      changed = true;
    }
  }
  return changed ? { values, version: bag.version + 1 } : undefined;
}
