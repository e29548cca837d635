/**
 * `offer` and `remove-offer` (R8.1): publishing some endpoints of a local application under an
 * offer name, changing which, and withdrawing the offer.
 */
import { APPLICATION_NAME_PATTERN } from '../charm/names.js';
import { remoteMembers } from '../cross-model/remote-units.js';
import type { Offer, Relation } from '../model/entities.js';
import type { ModelState } from '../model/model-state.js';
import { endpointOf, relationsOf } from '../model/queries.js';
import type { OperationResult } from '../model/refusal.js';
import { refuse } from '../model/refusal.js';
import { ModelTransaction } from '../model/transaction.js';
import { destroyRelation, leaveScope } from './internal/relation-lifecycle.js';

/** What `offer` publishes. */
export interface OfferInput {
  readonly application: string;
  readonly endpoints: readonly string[];
  /** Default: the application's name. */
  readonly name?: string;
}

/**
 * Creates an offer, or changes the endpoints of an existing one of the same application. An
 * endpoint still related through the offer cannot be taken out of it (R8.1).
 *
 * @example
 * offer(state, { application: 'db', endpoints: ['database'], name: 'pgsql' });
 */
export function offer(state: ModelState, input: OfferInput): OperationResult<Offer> {
  const name = input.name ?? input.application;
  if (!APPLICATION_NAME_PATTERN.test(name))
    return refuse(
      'not-valid',
      `offer name "${name}" is not valid: use lowercase letters, digits and dashes, starting with a letter`,
    );
  if (input.endpoints.length === 0)
    return refuse('not-valid', 'an offer must at least specify application endpoint');
  const application = state.applications.get(input.application);
  if (application === undefined)
    return refuse('not-found', `application "${input.application}" not found`);
  if (application.life !== 'alive')
    return refuse('not-alive', `application "${input.application}" is not alive`);
  for (const endpoint of input.endpoints) {
    const declared = application.charm.endpoints.find((candidate) => candidate.name === endpoint);
    if (declared === undefined)
      return refuse(
        'not-found',
        `application "${input.application}" has no "${endpoint}" relation endpoint`,
      );
    if (declared.role === 'peer')
      return refuse('not-valid', `cannot offer peer relation endpoint "${endpoint}"`);
    // R2.13 step 5: no container scope across models.
    if (declared.scope === 'container')
      return refuse('not-valid', `cannot offer container-scoped endpoint "${endpoint}"`);
  }
  const existing = state.offers.get(name);
  if (existing !== undefined && existing.application !== input.application)
    return refuse(
      'already-exists',
      `offer "${name}" already exists for application "${existing.application}"`,
    );
  const endpoints = [...new Set(input.endpoints)].sort();
  for (const dropped of existing?.endpoints.filter((ep) => !endpoints.includes(ep)) ?? []) {
    if (offerRelations(state, name).some((r) => endpointOf(r, input.application)?.name === dropped))
      return refuse('not-valid', `application endpoint "${dropped}" has active consumers`);
  }
  const made: Offer = { name, application: input.application, endpoints };
  const txn = new ModelTransaction(state);
  txn.putOffer(name, made);
  return txn.commit(made);
}

/**
 * Withdraws an offer. One with relations is refused unless forced; forcing destroys them, their
 * remote units leaving scope at once (R8.1, R8.8).
 */
export function removeOffer(
  state: ModelState,
  input: { readonly name: string; readonly force?: boolean },
): OperationResult {
  const existing = state.offers.get(input.name);
  if (existing === undefined) return refuse('not-found', `offer "${input.name}" not found`);
  const relations = offerRelations(state, input.name);
  if (relations.length > 0 && input.force !== true)
    return refuse(
      'not-valid',
      `cannot remove offer "${input.name}": offer has ${relations.length} relation(s); remove them first, or use --force`,
    );
  const txn = new ModelTransaction(state);
  for (const relation of relations) forceRemoteUnitsOut(txn, relation);
  for (const relation of relations) destroyRelation(txn, relation.id, { allowPeer: false });
  txn.putOffer(input.name, undefined);
  return txn.commit(undefined);
}

/** The relations connected through an offer (its offer connections), lowest id first. */
export function offerRelations(state: ModelState, name: string): Relation[] {
  const offered = state.offers.get(name);
  if (offered === undefined) return [];
  return relationsOf(state, offered.application).filter(
    (relation) => relation.crossModel?.offer === name,
  );
}

/** Every remote unit of a relation leaves its scope at once (forced removal, R8.8). */
export function forceRemoteUnitsOut(txn: ModelTransaction, relation: Relation): void {
  for (const unit of remoteMembers(txn.state, relation)) leaveScope(txn, relation.id, unit);
}
