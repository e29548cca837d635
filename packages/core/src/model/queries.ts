/**
 * Reading a model: lookups through the indexes, never scans. Lists come back in Juju's
 * deterministic orders (names byte-wise, relations by id).
 */
import type { EndpointRole } from '../charm/metadata.js';
import type { Bag, Membership, Relation, RelationEndpoint, Unit } from './entities.js';
import { compareNames } from './keys.js';
import type { ModelState } from './model-state.js';
import { EMPTY_BAG } from './model-state.js';

/** The units of an application, in byte-wise name order. */
export function unitsOf(state: ModelState, application: string): string[] {
  return [...(state.index.unitsByApplication.get(application) ?? [])].sort(compareNames);
}

/** The relations an application takes part in, lowest id first. */
export function relationsOf(state: ModelState, application: string): Relation[] {
  return [...(state.index.relationsByApplication.get(application) ?? [])]
    .sort((a, b) => a - b)
    .map((id) => state.relations.get(id))
    .filter((relation): relation is Relation => relation !== undefined);
}

/** The relation with this key, if it exists (R2.17). */
export function relationByKey(state: ModelState, key: string): Relation | undefined {
  const id = state.index.relationByKey.get(key);
  return id === undefined ? undefined : state.relations.get(id);
}

/** True for a relation with a single, peer endpoint (R2.20). */
export function isPeerRelation(relation: Relation): boolean {
  return relation.endpoints.length === 1;
}

/** True when the relation is container-scoped (its endpoints were upgraded together, R2.3). */
export function isContainerRelation(relation: Relation): boolean {
  return relation.endpoints.some((endpoint) => endpoint.scope === 'container');
}

/** The endpoint an application uses in a relation. */
export function endpointOf(relation: Relation, application: string): RelationEndpoint | undefined {
  return relation.endpoints.find((endpoint) => endpoint.application === application);
}

/**
 * The application on the other side, as a hook's `JUJU_REMOTE_APP` names it: for a peer relation,
 * the unit's own application (R5.27).
 */
export function counterpartApplication(relation: Relation, application: string): string {
  return (
    relation.endpoints.find((endpoint) => endpoint.application !== application)?.application ??
    application
  );
}

/** The unit a unit's container scopes are keyed by: its principal, or itself (R3.1). */
export function principalName(unit: Unit): string {
  return unit.principal ?? unit.name;
}

/** A unit's membership in a relation's scope, if it is in scope. */
export function membershipOf(
  state: ModelState,
  relationId: number,
  unit: string,
): Membership | undefined {
  return state.memberships.get(relationId)?.get(unit);
}

/** The bag of a unit in a relation (empty and version 0 when the unit never entered scope). */
export function unitBag(state: ModelState, relationId: number, unit: string): Bag {
  return state.bags.get(relationId)?.units.get(unit) ?? EMPTY_BAG;
}

/** The application bag of an application in a relation. */
export function applicationBag(state: ModelState, relationId: number, application: string): Bag {
  return state.bags.get(relationId)?.applications.get(application) ?? EMPTY_BAG;
}

/** The leader of an application, if one is elected. */
export function leaderOf(state: ModelState, application: string): string | undefined {
  return state.leaders.get(application);
}

/** The subordinate units attached to a principal unit, in name order. */
export function subordinatesOf(state: ModelState, principal: string): string[] {
  return [...(state.index.subordinates.get(principal)?.values() ?? [])].sort(compareNames);
}

/** The relations a unit is in scope of, lowest id first. */
export function relationsInScope(state: ModelState, unit: string): number[] {
  return [...(state.index.relationsByUnit.get(unit) ?? [])].sort((a, b) => a - b);
}

/** The role whose members a unit with `role` observes (R3.2). */
export function counterpartRole(role: EndpointRole): EndpointRole {
  return role === 'provider' ? 'requirer' : role === 'requirer' ? 'provider' : 'peer';
}

/**
 * R2.27: whether a unit takes part in a relation at all. A subordinate unit sees the global
 * relations of its application and only the container relations with its principal's application.
 */
export function unitSeesRelation(state: ModelState, unit: Unit, relation: Relation): boolean {
  if (endpointOf(relation, unit.application) === undefined) return false;
  if (unit.principal === undefined || !isContainerRelation(relation)) return true;
  const principal = state.units.get(unit.principal);
  return counterpartApplication(relation, unit.application) === principal?.application;
}
