/**
 * Unit snapshots kept between steps: a snapshot is rebuilt only after a change that concerns the
 * unit (`unitsAffectedBy`, the same rule that wakes units). With `verify`, every cached snapshot
 * is compared with a fresh one, so a gap in that rule fails loudly in tests.
 */
import type { ModelState } from '../model/model-state.js';
import { observedMembers, unitSnapshot } from '../uniter/unit-snapshot.js';
import type { UnitSnapshot } from '../uniter/unit-snapshot.js';
import { SimulationError } from './simulation-error.js';

/** A snapshot as plain, comparable text (member trees compared by content). */
function fingerprint(snapshot: UnitSnapshot | undefined): string {
  if (snapshot === undefined) return 'none';
  return JSON.stringify({
    ...snapshot,
    relations: snapshot.relations.map((relation) => ({
      ...relation,
      scopeMembers: observedMembers(relation),
      applicationMembers: [...relation.applicationMembers],
    })),
  });
}

/** Snapshots by unit, invalidated by the changes that concern each unit. */
export class SnapshotCache {
  private readonly snapshots = new Map<string, UnitSnapshot>();

  constructor(private readonly verify: boolean) {}

  /** The unit's snapshot of `model`, from the cache when nothing concerning it changed. */
  get(model: ModelState, unit: string): UnitSnapshot | undefined {
    const cached = this.snapshots.get(unit);
    if (cached !== undefined && this.verify) {
      const fresh = unitSnapshot(model, unit);
      if (fingerprint(cached) !== fingerprint(fresh)) {
        throw new SimulationError(
          `stale snapshot of ${unit}: ${fingerprint(cached)} instead of ${fingerprint(fresh)}`,
        );
      }
    }
    if (cached !== undefined) return cached;
    const snapshot = unitSnapshot(model, unit);
    if (snapshot !== undefined) this.snapshots.set(unit, snapshot);
    return snapshot;
  }

  /** Forgets a unit's snapshot: something concerning it changed. */
  invalidate(unit: string): void {
    this.snapshots.delete(unit);
  }
}
