/**
 * `consume` and `remove-saas` (R8.2, R8.8): a SAAS — a remote application standing for an
 * offer of another model — is added to the consuming model, and removed with its relations.
 */
import { APPLICATION_NAME_PATTERN } from '../charm/names.js';
import type { RemoteApplication, RemoteEndpoint } from '../model/entities.js';
import type { ModelState } from '../model/model-state.js';
import { relationsOf } from '../model/queries.js';
import type { OperationResult } from '../model/refusal.js';
import { refuse } from '../model/refusal.js';
import { ModelTransaction } from '../model/transaction.js';
import { destroyRelation, removeApplicationIfDone } from './internal/relation-lifecycle.js';
import { forceRemoteUnitsOut } from './offer.js';

/** The offer being consumed, as the offering model describes it. */
export interface ConsumedOffer {
  /** The offer URL as `offers` shows it (`admin/prod.pgsql`). */
  readonly url: string;
  readonly model: string;
  readonly name: string;
  readonly application: string;
  readonly endpoints: readonly RemoteEndpoint[];
}

/**
 * Adds a SAAS named `name` (default: the offer's name) for an offer. Consuming the same offer
 * under the same name again changes nothing.
 *
 * @example
 * consume(state, { offer: { url: 'admin/prod.pgsql', model: 'prod', name: 'pgsql', ... } });
 */
export function consume(
  state: ModelState,
  input: { readonly offer: ConsumedOffer; readonly name?: string },
): OperationResult<RemoteApplication> {
  const { offer } = input;
  const name = input.name ?? offer.name;
  if (!APPLICATION_NAME_PATTERN.test(name))
    return refuse(
      'not-valid',
      `invalid SAAS name "${name}": use lowercase letters, digits and dashes, starting with a letter`,
    );
  if (state.applications.has(name))
    return refuse(
      'already-exists',
      `cannot add saas "${name}": an application of that name exists; give another name, as in "consume ${offer.url} <name>"`,
    );
  const existing = state.remoteApplications.get(name);
  if (existing !== undefined && (existing.kind !== 'saas' || existing.url !== offer.url))
    return refuse(
      'already-exists',
      `saas application "${name}" already exists for another offer; give another name, as in "consume ${offer.url} <name>"`,
    );
  if (existing?.life === 'dying')
    return refuse('not-alive', `saas application "${name}" is being removed`);
  const saas: RemoteApplication = {
    name,
    kind: 'saas',
    sourceModel: offer.model,
    sourceApplication: offer.application,
    offer: offer.name,
    url: offer.url,
    endpoints: offer.endpoints,
    life: 'alive',
    status: 'active',
  };
  const txn = new ModelTransaction(state);
  txn.putRemoteApplication(name, saas);
  return txn.commit(saas);
}

/**
 * Removes a SAAS: its relations are destroyed, their remote units leaving scope at once; it goes
 * when the last of them is gone (R8.8).
 */
export function removeSaas(state: ModelState, input: { readonly name: string }): OperationResult {
  const saas = state.remoteApplications.get(input.name);
  if (saas?.kind !== 'saas')
    return refuse(
      'not-found',
      `saas application "${input.name}" not found; run "loom status" to list SAAS`,
    );
  const txn = new ModelTransaction(state);
  txn.putRemoteApplication(saas.name, { ...saas, life: 'dying' });
  for (const relation of relationsOf(state, saas.name)) {
    forceRemoteUnitsOut(txn, relation);
    destroyRelation(txn, relation.id, { allowPeer: false });
  }
  removeApplicationIfDone(txn, saas.name);
  return txn.commit(undefined);
}

/** Marks a SAAS terminated: its offer is gone (R8.2). */
export function terminateSaas(
  state: ModelState,
  input: { readonly name: string },
): OperationResult {
  const saas = state.remoteApplications.get(input.name);
  const txn = new ModelTransaction(state);
  if (saas !== undefined && saas.status !== 'terminated')
    txn.putRemoteApplication(saas.name, { ...saas, status: 'terminated' });
  return txn.commit(undefined);
}
