/**
 * The per-relation decision procedure (R5.8): which hook, if any, a relation needs next.
 */
import { hookRelation, relationHook } from './hook.js';
import type { Hook } from './hook.js';
import type { RelationWork } from './relation-work.js';
import type { CompatibilityOptions } from './uniter-options.js';
import type { RelationState } from './uniter-state.js';
import type { RelationSnapshot } from './unit-snapshot.js';

/** What the decision needs to know about the unit. */
export interface DecisionContext {
  readonly unit: string;
  /** The unit or its application is not Alive: departures name the unit itself (R5.14). */
  readonly leaving: boolean;
  readonly unitDying: boolean;
  readonly options: CompatibilityOptions;
}

/**
 * R5.8: the relation is broken when the unit is Dying, or the relation is Dying, suspended or
 * gone; a broken relation's snapshot counts as empty.
 */
export function isBroken(snapshot: RelationSnapshot | undefined, unitDying: boolean): boolean {
  return unitDying || snapshot === undefined || snapshot.life === 'dying' || snapshot.suspended;
}

/**
 * The next hook for a joined relation, or undefined. Precedence (R5.9): pending `-changed` →
 * `-departed` → `-broken` → application `-changed` → `-joined` → unit `-changed`, units in
 * byte-wise order. Implicit relations never get here (R5.20).
 */
export function decideRelation(
  local: RelationState,
  snapshot: RelationSnapshot | undefined,
  context: DecisionContext,
  work: RelationWork,
): Hook | undefined {
  const broken = isBroken(snapshot, context.unitDying);

  // 1. A -joined is always followed by its -changed (R5.9), version 0 if the unit is gone.
  if (local.changedPending !== undefined) {
    const unit = local.changedPending;
    return relationHook('relation-changed', ownRelation(local), {
      remoteUnit: unit,
      version: observedVersionOf(snapshot, broken, unit) ?? 0,
    });
  }
  // 2. Departures (R5.14: the departing unit is the local one when it is leaving).
  const departed = work.firstDeparted();
  if (departed !== undefined) {
    return relationHook('relation-departed', ownRelation(local), {
      remoteUnit: departed,
      departingUnit: context.leaving ? context.unit : departed,
    });
  }
  // 3. -broken, never for a peer relation (R5.16) unless asked for.
  if (broken) {
    return !local.peer || context.options.peerRelationBroken
      ? relationHook('relation-broken', ownRelation(local))
      : undefined;
  }
  // 4. Application bags: a version-0 bag was never written and gives no hook (R5.9).
  for (const [application, version] of snapshot?.applicationMembers ?? []) {
    if (version !== (local.applicationMembers.get(application) ?? 0)) {
      return relationHook('relation-changed', hookRelation(local.id, local.endpoint, application), {
        version,
      });
    }
  }
  // 5, 6. Units that joined, then units whose bags changed.
  const joined = work.firstJoined();
  if (joined !== undefined) {
    return relationHook('relation-joined', ownRelation(local), {
      remoteUnit: joined,
      version: observedVersionOf(snapshot, broken, joined) ?? 0,
    });
  }
  const changed = work.firstChanged();
  if (changed !== undefined) {
    return relationHook('relation-changed', ownRelation(local), {
      remoteUnit: changed,
      version: observedVersionOf(snapshot, broken, changed) ?? 0,
    });
  }
  return undefined;
}

/** The descriptor of the relation's hooks; built only when a hook is returned. */
function ownRelation(local: RelationState) {
  return hookRelation(local.id, local.endpoint, local.remoteApplication);
}

/** A member's bag version as the decision sees it: none when broken (R5.8) or for the unit itself. */
function observedVersionOf(
  snapshot: RelationSnapshot | undefined,
  broken: boolean,
  unit: string,
): number | undefined {
  return broken || snapshot === undefined || unit === snapshot.self
    ? undefined
    : snapshot.scopeMembers.get(unit);
}
