/**
 * Remote units (R8.4): never real units, only members of a relation, named after the remote
 * application with the unit's number in its home model.
 */
import type { Relation } from '../model/entities.js';
import type { ModelState } from '../model/model-state.js';

/** `<remote application>/<n>` for unit number `n` of the other model. */
export function remoteUnitName(remoteApplication: string, number: number): string {
  return `${remoteApplication}/${number}`;
}

/** The number of a unit name (`db/3` → 3). */
export function unitNumber(unit: string): number {
  return Number(unit.slice(unit.lastIndexOf('/') + 1));
}

/** `remote-<token>`: the consumer proxy's name in the offering model (R8.3). */
export function consumerProxyName(token: string): string {
  return `remote-${token}`;
}

/** True if `unit` is a remote unit of the cross-model relation `relation` (R8.4). */
export function isRemoteUnit(relation: Relation, unit: string): boolean {
  const remote = relation.crossModel?.remoteApplication;
  return remote !== undefined && unit.startsWith(`${remote}/`);
}

/** The remote units in a relation's scope, in no particular order. */
export function remoteMembers(state: ModelState, relation: Relation): string[] {
  if (relation.crossModel === undefined) return [];
  return [...(state.memberships.get(relation.id)?.keys() ?? [])].filter((unit) =>
    isRemoteUnit(relation, unit),
  );
}
