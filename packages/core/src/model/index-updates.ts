/**
 * How each entity change moves the model's indexes. The transaction applies them write by write;
 * rebuild-index folds them over a whole model.
 */
import { Map as ImmutableMap } from 'immutable';

import type { EndpointRole } from '../charm/metadata.js';
import type { Membership, Relation, Unit } from './entities.js';
import { addToSet, deleteIn2, removeFromSet, setIn2 } from './index-helpers.js';
import { EMPTY_MEMBERS, withMember, withoutMember } from './member-tree.js';
import type { MemberTree } from './member-tree.js';
import type { ModelIndex } from './model-state.js';

/** Indexes a unit by application, machine and, for a subordinate, principal. */
export function indexUnit(index: ModelIndex, unit: Unit): ModelIndex {
  return {
    ...index,
    unitsByApplication: addToSet(index.unitsByApplication, unit.application, unit.name),
    unitsByMachine: addToSet(index.unitsByMachine, unit.machine, unit.name),
    subordinates:
      unit.principal === undefined
        ? index.subordinates
        : setIn2(index.subordinates, unit.principal, unit.application, unit.name),
  };
}

/** Drops a unit from the unit indexes. */
export function unindexUnit(index: ModelIndex, unit: Unit): ModelIndex {
  return {
    ...index,
    unitsByApplication: removeFromSet(index.unitsByApplication, unit.application, unit.name),
    unitsByMachine: removeFromSet(index.unitsByMachine, unit.machine, unit.name),
    subordinates:
      unit.principal === undefined
        ? index.subordinates
        : deleteIn2(index.subordinates, unit.principal, unit.application),
  };
}

type ScopeMembers = ModelIndex['scopeMembers'];

/** Adds (or re-versions) an observed member of a scope (R3.2). */
export function withScopeMember(
  index: ModelIndex,
  membership: Membership,
  version: number,
): ModelIndex {
  const { relationId, scopeKey, role, unit } = membership;
  const scopes = index.scopeMembers.get(relationId) ?? ImmutableMap();
  const roles = scopes.get(scopeKey) ?? ImmutableMap<EndpointRole, MemberTree>();
  const members = withMember(roles.get(role) ?? EMPTY_MEMBERS, unit, version);
  const scopeMembers: ScopeMembers = index.scopeMembers.set(
    relationId,
    scopes.set(scopeKey, roles.set(role, members)),
  );
  return { ...index, scopeMembers };
}

/** Removes a member from its scope, dropping emptied levels. */
export function withoutScopeMember(index: ModelIndex, membership: Membership): ModelIndex {
  const { relationId, scopeKey, role, unit } = membership;
  const scopes = index.scopeMembers.get(relationId);
  const roles = scopes?.get(scopeKey);
  const members = roles?.get(role);
  if (scopes === undefined || roles === undefined || members?.has(unit) !== true) return index;
  const nextMembers = withoutMember(members, unit);
  const nextRoles = nextMembers.size === 0 ? roles.delete(role) : roles.set(role, nextMembers);
  const nextScopes = nextRoles.isEmpty()
    ? scopes.delete(scopeKey)
    : scopes.set(scopeKey, nextRoles);
  const scopeMembers: ScopeMembers = nextScopes.isEmpty()
    ? index.scopeMembers.delete(relationId)
    : index.scopeMembers.set(relationId, nextScopes);
  return { ...index, scopeMembers };
}

/** Indexes a relation by key and by each of its applications. */
export function indexRelation(index: ModelIndex, relation: Relation): ModelIndex {
  let next = { ...index, relationByKey: index.relationByKey.set(relation.key, relation.id) };
  for (const endpoint of relation.endpoints) {
    next = {
      ...next,
      relationsByApplication: addToSet(
        next.relationsByApplication,
        endpoint.application,
        relation.id,
      ),
    };
  }
  return next;
}

/** Drops a relation from every index, its scopes included. */
export function unindexRelation(index: ModelIndex, relation: Relation): ModelIndex {
  let next = { ...index, relationByKey: index.relationByKey.delete(relation.key) };
  for (const endpoint of relation.endpoints) {
    next = {
      ...next,
      relationsByApplication: removeFromSet(
        next.relationsByApplication,
        endpoint.application,
        relation.id,
      ),
    };
  }
  return { ...next, scopeMembers: next.scopeMembers.delete(relation.id) };
}

/** Indexes a membership; a departing member is not observed by anyone (R3.8). */
export function indexMembership(
  index: ModelIndex,
  membership: Membership,
  version: number,
): ModelIndex {
  const next = {
    ...index,
    relationsByUnit: addToSet(index.relationsByUnit, membership.unit, membership.relationId),
  };
  return membership.departing ? next : withScopeMember(next, membership, version);
}

/** Drops a membership from the indexes. */
export function unindexMembership(index: ModelIndex, membership: Membership): ModelIndex {
  const next = withoutScopeMember(index, membership);
  return {
    ...next,
    relationsByUnit: removeFromSet(next.relationsByUnit, membership.unit, membership.relationId),
  };
}
