/**
 * The two halves of a cross-model relation (R8.3–R8.5): the offering model registers the
 * consumer's relation (a proxy application and its own relation), the consuming half learns the
 * other half's id, and each half takes in what the other sends.
 */
import type { RelationCrossing } from '../cross-model/crossing.js';
import {
  consumerProxyName,
  remoteMembers,
  remoteUnitName,
  unitNumber,
} from '../cross-model/remote-units.js';
import type { RemoteEndpoint } from '../model/entities.js';
import { compareNames, scopeKey } from '../model/keys.js';
import type { ModelState } from '../model/model-state.js';
import { endpointOf, relationsOf } from '../model/queries.js';
import type { OperationResult } from '../model/refusal.js';
import { refuse } from '../model/refusal.js';
import { sameEntries } from '../model/same-entries.js';
import { ModelTransaction } from '../model/transaction.js';
import { addRelation } from './integrate.js';
import { applicationRelationEndpoints } from './internal/endpoint-names.js';
import { destroyRelation, leaveScope, setSuspension } from './internal/relation-lifecycle.js';

/** The consuming side of a relation, as the offering model registers it. */
export interface RemoteRelationRegistration {
  /** The offer it relates through, and the offered endpoint. */
  readonly offer: string;
  readonly endpoint: string;
  /** The consuming model, its application's token (32 hex digits) and name, and its endpoint. */
  readonly consumer: {
    readonly model: string;
    readonly token: string;
    readonly application: string;
    readonly endpoint: RemoteEndpoint;
  };
  /** The relation's id in the consuming model. */
  readonly relationId: number;
}

/**
 * R8.3: in the offering model, the consumer proxy `remote-<token>` (made on first use, with the
 * consumer's endpoint) and the relation between it and the offered endpoint. Registering the same
 * consuming relation again answers the relation registered before.
 */
export function registerRemoteRelation(
  state: ModelState,
  input: RemoteRelationRegistration,
): OperationResult<{ relationId: number }> {
  const offered = state.offers.get(input.offer);
  if (offered === undefined) return refuse('not-found', `offer "${input.offer}" not found`);
  if (!offered.endpoints.includes(input.endpoint))
    return refuse('not-found', `offer "${input.offer}" has no endpoint "${input.endpoint}"`);
  const { consumer } = input;
  const proxyName = consumerProxyName(consumer.token);
  const registered = relationsOf(state, proxyName).find(
    (relation) =>
      relation.crossModel?.model === consumer.model &&
      relation.crossModel.relationId === input.relationId,
  );
  if (registered !== undefined)
    return new ModelTransaction(state).commit({ relationId: registered.id });
  const txn = new ModelTransaction(state);
  const proxy = state.remoteApplications.get(proxyName);
  const endpoints = [
    ...(proxy?.endpoints.filter((endpoint) => endpoint.name !== consumer.endpoint.name) ?? []),
    consumer.endpoint,
  ].sort((a, b) => compareNames(a.name, b.name));
  txn.putRemoteApplication(proxyName, {
    name: proxyName,
    kind: 'consumer',
    sourceModel: consumer.model,
    sourceApplication: consumer.application,
    offer: input.offer,
    url: '',
    endpoints,
    life: 'alive',
    status: 'active',
  });
  const own = applicationRelationEndpoints(txn.state, offered.application)?.find(
    (endpoint) => endpoint.name === input.endpoint,
  );
  const theirs = applicationRelationEndpoints(txn.state, proxyName)?.find(
    (endpoint) => endpoint.name === consumer.endpoint.name,
  );
  if (own === undefined || theirs === undefined)
    return refuse('not-found', `application "${offered.application}" has no "${input.endpoint}"`);
  const added = addRelation(txn.state, [own, theirs], {
    remoteApplication: proxyName,
    model: consumer.model,
    relationId: input.relationId,
    offer: input.offer,
    via: [],
  });
  if (!added.ok) return added;
  return {
    ...added,
    changes: [...txn.commit(undefined).changes, ...added.changes],
    value: { relationId: added.value.relationId },
  };
}

/** The consuming half learns the id of the offering half (R8.3). */
export function linkRemoteRelation(
  state: ModelState,
  input: { readonly relationId: number; readonly otherRelationId: number },
): OperationResult {
  const relation = state.relations.get(input.relationId);
  const txn = new ModelTransaction(state);
  const link = relation?.crossModel;
  if (relation === undefined || link === undefined || link.relationId === input.otherRelationId)
    return txn.commit(undefined);
  txn.putRelation({ ...relation, crossModel: { ...link, relationId: input.otherRelationId } });
  return txn.commit(undefined);
}

/**
 * R8.5: one half takes in what the other sent — `gone` when the other half no longer exists.
 * Remote units enter scope with their whole bag, replace it, or leave when no longer sent; the
 * remote application bag is replaced (no leadership needed on this path); a Dying or gone other
 * half destroys this one; suspension follows the offering side (R8.7). Taking in the same
 * crossing twice changes nothing.
 */
export function syncRemoteRelation(
  state: ModelState,
  input: { readonly relationId: number; readonly crossing: RelationCrossing | 'gone' },
): OperationResult {
  const txn = new ModelTransaction(state);
  const relation = state.relations.get(input.relationId);
  const link = relation?.crossModel;
  if (relation === undefined || link === undefined) return txn.commit(undefined);
  const remote = endpointOf(relation, link.remoteApplication);
  if (remote === undefined) return txn.commit(undefined);
  const crossing = input.crossing;
  const units =
    crossing === 'gone' ? new Map<number, ReadonlyMap<string, string>>() : crossing.units;
  if (crossing !== 'gone') {
    putIfChanged(
      txn,
      relation.id,
      { kind: 'application', application: remote.application },
      crossing.applicationBag,
    );
    // R8.7: suspension follows the offering half, while this one is alive.
    const suspension = crossing.suspension;
    const now = txn.state.relations.get(relation.id);
    if (suspension !== undefined && now?.life === 'alive')
      setSuspension(txn, now, suspension.suspended, suspension.reason);
  }
  const current = () => txn.state.relations.get(relation.id);
  for (const [number, values] of units) {
    const unit = remoteUnitName(remote.application, number);
    const now = current();
    if (now === undefined) break;
    const member = txn.state.memberships.get(relation.id)?.has(unit) === true;
    if (!member && (now.life !== 'alive' || now.suspended)) continue;
    putIfChanged(txn, relation.id, { kind: 'unit', unit }, values);
    if (!member) {
      txn.putRelation({ ...now, unitCount: now.unitCount + 1 });
      txn.putMembership({
        relationId: relation.id,
        unit,
        scopeKey: scopeKey(relation.id, false, unit),
        role: remote.role,
        departing: false,
      });
    }
  }
  for (const unit of remoteMembers(txn.state, relation))
    if (!units.has(unitNumber(unit))) leaveScope(txn, relation.id, unit);
  if (crossing === 'gone' || crossing.life === 'dying')
    destroyRelation(txn, relation.id, { allowPeer: false });
  return txn.commit(undefined);
}

/** Replaces a bag's values, bumping its version only when they differ. */
function putIfChanged(
  txn: ModelTransaction,
  relationId: number,
  owner: Parameters<ModelTransaction['putBag']>[1],
  values: ReadonlyMap<string, string>,
): void {
  const bags = txn.state.bags.get(relationId);
  const previous =
    owner.kind === 'unit' ? bags?.units.get(owner.unit) : bags?.applications.get(owner.application);
  if (previous !== undefined && sameEntries(previous.values, values)) return;
  txn.putBag(relationId, owner, {
    values: new Map(values),
    version: previous === undefined ? 0 : previous.version + 1,
  });
}
