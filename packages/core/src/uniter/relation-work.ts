/**
 * Where a relation's pending unit-level work stands: which remote units must depart, join or
 * change (R5.8 steps 2, 5 and 6). The decision procedure asks only for the first of each, in
 * byte-wise order; how they are found is up to the implementation: a scan here, incremental
 * B-tree sets in relation-tracker.ts.
 */
import { compareNames } from '../model/keys.js';
import type { RelationState } from './uniter-state.js';
import { observedMembers } from './unit-snapshot.js';
import type { RelationSnapshot } from './unit-snapshot.js';

/** The first unit of each kind of pending work, in byte-wise order. */
export interface RelationWork {
  /** A unit the local state has but the (effective) snapshot does not: `-departed`. */
  firstDeparted(): string | undefined;
  /** A unit the snapshot has but the local state does not: `-joined`. */
  firstJoined(): string | undefined;
  /** A unit both have with different versions: `-changed`. */
  firstChanged(): string | undefined;
  /**
   * Told that the decision found nothing to do for the inputs the work was found for. An
   * incremental finder may then answer `undefined` ("still nothing") while they stay the same.
   */
  settled?(): void;
}

/**
 * Finds the work by scanning the local members and the observed members once: cost proportional
 * to the relation's size. `broken` makes the snapshot count as empty (R5.8).
 */
export function scanRelationWork(
  local: RelationState,
  snapshot: RelationSnapshot | undefined,
  broken: boolean,
): RelationWork {
  const remote = new Map(broken || snapshot === undefined ? [] : observedMembers(snapshot));
  let departed: string | undefined;
  let joined: string | undefined;
  let changed: string | undefined;
  const earlier = (candidate: string, current: string | undefined): boolean =>
    current === undefined || compareNames(candidate, current) < 0;
  for (const [unit, version] of local.members) {
    const seen = remote.get(unit);
    if (seen === undefined) {
      if (earlier(unit, departed)) departed = unit;
    } else if (seen !== version && earlier(unit, changed)) changed = unit;
  }
  for (const unit of remote.keys()) {
    if (!local.members.has(unit) && earlier(unit, joined)) joined = unit;
  }
  return { firstDeparted: () => departed, firstJoined: () => joined, firstChanged: () => changed };
}
