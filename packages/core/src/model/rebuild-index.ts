/**
 * Recomputes a model's indexes from its entities: for a model loaded from storage, and to check
 * that the indexes operations keep in step are right.
 */
import { indexMembership, indexRelation, indexUnit } from './index-updates.js';
import { EMPTY_INDEX } from './model-state.js';
import type { ModelIndex, ModelState } from './model-state.js';

/** The indexes of `state` as its entities imply them. */
export function rebuildIndex(state: ModelState): ModelIndex {
  let index = EMPTY_INDEX;
  for (const unit of state.units.values()) index = indexUnit(index, unit);
  for (const relation of state.relations.values()) index = indexRelation(index, relation);
  for (const [relationId, members] of state.memberships) {
    for (const membership of members.values()) {
      const version = state.bags.get(relationId)?.units.get(membership.unit)?.version ?? 0;
      index = indexMembership(index, membership, version);
    }
  }
  return index;
}
