/**
 * Who may read and write which bag (R4.8), as one pure decision used by every path: hook tools,
 * the controller's commit checks, the SDK and the test kit. The texts are Juju's.
 */
import type { BagOwner, Relation } from '../model/entities.js';
import { endpointOf, isPeerRelation } from '../model/queries.js';

/** Juju's answer to a unit reading a bag it may not read, or writing another unit's bag. */
export const PERMISSION_DENIED = 'permission denied';

/** Juju's answer to a non-leader writing its application's bag (`relation-set --app`). */
export const CANNOT_WRITE_RELATION_SETTINGS = 'cannot write relation settings';

/** An access to a bag by a unit, with the leadership the unit's hook saw. */
export interface BagAccess {
  readonly relation: Relation;
  /** The unit whose hook reads or writes. */
  readonly unit: string;
  readonly isLeader: boolean;
  readonly bag: BagOwner;
}

/** Allowed, or refused with Juju's message. */
export type AccessDecision =
  | { readonly allowed: true }
  | {
      readonly allowed: false;
      readonly message: typeof PERMISSION_DENIED | typeof CANNOT_WRITE_RELATION_SETTINGS;
    };

const ALLOWED: AccessDecision = { allowed: true };
const DENIED: AccessDecision = { allowed: false, message: PERMISSION_DENIED };

/** The application a unit belongs to: unit names are `<application>/<number>`. */
export function applicationOfUnit(unit: string): string {
  const slash = unit.lastIndexOf('/');
  return slash === -1 ? unit : unit.slice(0, slash);
}

/**
 * R4.8 reads: any unit bag of a unit of an application in the relation (own, remote, sibling,
 * even departed); the other application's bag; the own application's bag only in a peer relation
 * or as leader. A unit of an application outside the relation reads nothing.
 */
export function canReadBag(access: BagAccess): AccessDecision {
  const own = applicationOfUnit(access.unit);
  if (endpointOf(access.relation, own) === undefined) return DENIED;
  if (access.bag.kind === 'unit') {
    return endpointOf(access.relation, applicationOfUnit(access.bag.unit)) === undefined
      ? DENIED
      : ALLOWED;
  }
  if (endpointOf(access.relation, access.bag.application) === undefined) return DENIED;
  if (access.bag.application !== own) return ALLOWED;
  return isPeerRelation(access.relation) || access.isLeader ? ALLOWED : DENIED;
}

/**
 * R4.8 writes: the unit's own bag, and its own application's bag when it is the leader. A
 * non-leader writing its application's bag gets `cannot write relation settings`.
 */
export function canWriteBag(access: BagAccess): AccessDecision {
  const own = applicationOfUnit(access.unit);
  if (endpointOf(access.relation, own) === undefined) return DENIED;
  if (access.bag.kind === 'unit') return access.bag.unit === access.unit ? ALLOWED : DENIED;
  if (access.bag.application !== own) return DENIED;
  return access.isLeader ? ALLOWED : { allowed: false, message: CANNOT_WRITE_RELATION_SETTINGS };
}
