/**
 * Who is told when a bag changes (R4.14): the units that watch it get `-relation-changed`.
 */
import type { BagOwner } from '../model/entities.js';
import { compareNames } from '../model/keys.js';
import type { ModelState } from '../model/model-state.js';
import { counterpartRole, isPeerRelation } from '../model/queries.js';

/**
 * The units notified of a committed change to a bag, in name order:
 * - a unit bag: the counterpart units in the writer's scope (its container, for a container
 *   relation; the other units of the application, for a peer relation), never the writer;
 * - an application bag, non-peer relation: every unit of the other application in the relation;
 * - an application bag, peer relation: every unit in the relation, the writing leader included.
 * Only units in scope and not departing are notified; a unit entering later sees current versions.
 */
export function unitsNotifiedOfBagChange(
  state: ModelState,
  relationId: number,
  owner: BagOwner,
): string[] {
  const relation = state.relations.get(relationId);
  const scopes = state.index.scopeMembers.get(relationId);
  if (relation === undefined || scopes === undefined) return [];
  const notified: string[] = [];
  if (owner.kind === 'unit') {
    const membership = state.memberships.get(relationId)?.get(owner.unit);
    if (membership === undefined) return [];
    const watchers = scopes.get(membership.scopeKey)?.get(counterpartRole(membership.role));
    for (const unit of watchers?.keys() ?? []) if (unit !== owner.unit) notified.push(unit);
  } else {
    const peer = isPeerRelation(relation);
    for (const roles of scopes.values()) {
      for (const members of roles.values()) {
        for (const unit of members.keys()) {
          const application = state.units.get(unit)?.application;
          if (peer || application !== owner.application) notified.push(unit);
        }
      }
    }
  }
  return notified.sort(compareNames);
}
