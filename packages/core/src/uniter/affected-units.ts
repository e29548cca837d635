/**
 * Which units' snapshots a change set can change: the units to wake (the simulator) or to push a
 * new snapshot to (the controller). Precise enough that waking costs what the change concerns:
 * a write to a bag wakes its watchers (R4.14), not the whole relation.
 */
import { unitsNotifiedOfBagChange } from '../databags/bag-watchers.js';
import type { ModelChange } from '../model/changes.js';
import type { Membership } from '../model/entities.js';
import type { ModelState } from '../model/model-state.js';
import { counterpartRole } from '../model/queries.js';

/** The units whose snapshot may differ after `changes` took `before` to `after`. */
export function unitsAffectedBy(
  before: ModelState,
  after: ModelState,
  changes: readonly ModelChange[],
): Set<string> {
  const affected = new Set<string>();
  const unitsOf = (application: string) => {
    for (const state of [before, after]) {
      for (const unit of state.index.unitsByApplication.get(application) ?? []) affected.add(unit);
    }
  };
  for (const change of changes) {
    switch (change.kind) {
      case 'unit': {
        const previous = before.units.get(change.name);
        const current = change.unit;
        // Statuses do not reach snapshots; life, existence and a principal's subordinates do.
        if (previous?.life === current?.life) break;
        affected.add(change.name);
        const principal = current?.principal ?? previous?.principal;
        if (principal !== undefined) affected.add(principal);
        break;
      }
      case 'application': {
        const previous = before.applications.get(change.name);
        const current = change.application;
        if (
          previous?.life !== current?.life ||
          previous?.configVersion !== current?.configVersion
        ) {
          unitsOf(change.name);
        }
        break;
      }
      case 'relation': {
        const previous = before.relations.get(change.id);
        const current = change.relation;
        if (previous?.life === current?.life && previous?.suspended === current?.suspended) break;
        for (const endpoint of (current ?? previous)?.endpoints ?? [])
          unitsOf(endpoint.application);
        break;
      }
      case 'membership': {
        const membership =
          change.membership ?? before.memberships.get(change.relationId)?.get(change.unit);
        if (membership === undefined) break;
        affected.add(change.unit);
        for (const unit of observers(before, membership)) affected.add(unit);
        for (const unit of observers(after, membership)) affected.add(unit);
        break;
      }
      case 'bag':
        if (change.bag === undefined) break;
        for (const unit of unitsNotifiedOfBagChange(after, change.relationId, change.owner))
          affected.add(unit);
        break;
      case 'leader':
      case 'leader-settings':
        unitsOf(change.application);
        break;
      case 'charm-state':
      case 'sequences':
      case 'machine':
        break;
    }
  }
  return affected;
}

/** The units that observe a member of a scope (R3.2): the counterpart role in the same scope. */
function observers(state: ModelState, membership: Membership): string[] {
  const role = counterpartRole(membership.role);
  const tree = state.index.scopeMembers
    .get(membership.relationId)
    ?.get(membership.scopeKey)
    ?.get(role);
  return tree === undefined ? [] : [...tree.keys()];
}
