/**
 * Relation life inside a transaction: creation with its application bags (R2.19, R2.21),
 * destruction (R3.12), leaving scope (R3.10) and removal (R3.13). Shared by deploy, integrate,
 * remove-relation, remove-application and unit removal.
 */
import type { CrossModelLink, Relation, RelationEndpoint } from '../../model/entities.js';
import { relationKey, sortEndpoints } from '../../model/keys.js';
import { EMPTY_BAG } from '../../model/model-state.js';
import { isPeerRelation } from '../../model/queries.js';
import type { Refusal } from '../../model/refusal.js';
import { refuse } from '../../model/refusal.js';
import type { ModelTransaction } from '../../model/transaction.js';

/**
 * Creates a relation with the next id of the model's sequence (R2.19), Alive, joining, with an
 * empty application bag per application (R2.21), linked to its other half when it crosses models
 * (R8.3). Returns its id.
 */
export function createRelation(
  txn: ModelTransaction,
  endpoints: readonly RelationEndpoint[],
  link?: CrossModelLink,
): number {
  const { sequences } = txn.state;
  const id = sequences.relation;
  txn.putSequences({ ...sequences, relation: id + 1 });
  const sorted = sortEndpoints(endpoints);
  txn.putRelation({
    id,
    key: relationKey(sorted),
    endpoints: sorted,
    life: 'alive',
    suspended: false,
    suspendedReason: '',
    status: 'joining',
    unitCount: 0,
    ...(link === undefined ? {} : { crossModel: link }),
  });
  for (const endpoint of sorted) {
    txn.putBag(id, { kind: 'application', application: endpoint.application }, EMPTY_BAG);
  }
  return id;
}

/**
 * R3.12: destroys a relation. A peer relation is refused unless the whole application goes
 * (R3.16); a Dying one is left alone; an empty one is removed at once; otherwise it becomes Dying
 * and the units in scope tear it down.
 */
export function destroyRelation(
  txn: ModelTransaction,
  relationId: number,
  options: { readonly allowPeer: boolean },
): Refusal | undefined {
  const relation = txn.state.relations.get(relationId);
  if (relation === undefined) return undefined;
  if (isPeerRelation(relation) && !options.allowPeer) {
    return refuse('not-supported', `cannot destroy relation "${relation.key}": is a peer relation`);
  }
  if (relation.life === 'dying') return undefined;
  if (relation.unitCount === 0) {
    removeRelation(txn, relationId);
    return undefined;
  }
  txn.putRelation({ ...relation, life: 'dying' });
  return undefined;
}

/**
 * R3.10: a unit leaves a relation's scope. Its bag stays; the relation's unit count drops, and
 * the last unit out of a Dying relation removes it (R3.13).
 */
export function leaveScope(txn: ModelTransaction, relationId: number, unit: string): void {
  const membership = txn.state.memberships.get(relationId)?.get(unit);
  const relation = txn.state.relations.get(relationId);
  if (membership === undefined || relation === undefined) return;
  txn.removeMembership(relationId, unit);
  if (relation.life === 'dying' && relation.unitCount <= 1) {
    removeRelation(txn, relationId);
    return;
  }
  // R5.25: the leader leaving a suspended relation (after its -broken) marks it suspended.
  const application = txn.state.units.get(unit)?.application;
  const leader = application !== undefined && txn.state.leaders.get(application) === unit;
  txn.putRelation({
    ...relation,
    unitCount: Math.max(0, relation.unitCount - 1),
    ...(relation.suspended && leader ? { status: 'suspended' as const } : {}),
  });
}

/** R3.13: removes the relation and all its bags; a Dying application may go with it. */
export function removeRelation(txn: ModelTransaction, relationId: number): void {
  const relation = txn.state.relations.get(relationId);
  if (relation === undefined) return;
  txn.removeRelation(relationId);
  for (const endpoint of relation.endpoints) removeApplicationIfDone(txn, endpoint.application);
}

/**
 * R3.16: a Dying application is removed once its last unit and last relation are gone. A remote
 * application goes with its last relation when Dying (`remove-saas`) or when it is a consumer
 * proxy (R8.8).
 */
export function removeApplicationIfDone(txn: ModelTransaction, name: string): void {
  const { state } = txn;
  const remote = state.remoteApplications.get(name);
  if (remote !== undefined) {
    if (state.index.relationsByApplication.has(name)) return;
    if (remote.life === 'dying' || remote.kind === 'consumer')
      txn.putRemoteApplication(name, undefined);
    return;
  }
  const application = state.applications.get(name);
  if (application?.life !== 'dying') return;
  if (state.index.unitsByApplication.has(name)) return;
  if (state.index.relationsByApplication.has(name)) return;
  txn.removeApplication(name);
}

/**
 * R8.7, R5.25: suspends a relation (with the reason status shows) or resumes it; nothing when it
 * already is so. Suspending makes it `suspending` until its leader leaves scope; resuming makes
 * it `joining` again.
 */
export function setSuspension(
  txn: ModelTransaction,
  relation: Relation,
  suspended: boolean,
  reason: string,
): void {
  if (relation.suspended === suspended && relation.suspendedReason === reason) return;
  txn.putRelation({
    ...relation,
    suspended,
    suspendedReason: reason,
    status:
      relation.suspended === suspended ? relation.status : suspended ? 'suspending' : 'joining',
  });
}
