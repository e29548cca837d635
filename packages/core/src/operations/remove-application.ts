/**
 * `remove-application` (R3.16): every relation destroyed (peers included), the application
 * Dying, every unit destroyed; the application goes when its last unit and relation are gone.
 */
import type { ModelState } from '../model/model-state.js';
import { relationsOf, unitsOf } from '../model/queries.js';
import type { OperationResult } from '../model/refusal.js';
import { refuse } from '../model/refusal.js';
import { ModelTransaction } from '../model/transaction.js';
import { destroyRelation, removeApplicationIfDone } from './internal/relation-lifecycle.js';
import { destroyUnit } from './internal/unit-lifecycle.js';
import { applicationNotFound } from './internal/endpoint-names.js';

/**
 * Removes an application. An application that is already Dying is left as it is.
 *
 * @example
 * removeApplication(state, { application: 'app' });
 */
export function removeApplication(
  state: ModelState,
  input: { readonly application: string },
): OperationResult {
  const application = state.applications.get(input.application);
  if (application === undefined) {
    return applicationNotFound(state, input.application);
  }
  const txn = new ModelTransaction(state);
  if (application.life !== 'alive') return txn.commit(undefined);
  const offered = [...state.offers.values()].find((o) => o.application === application.name);
  if (offered !== undefined)
    return refuse(
      'not-valid',
      `cannot remove application "${application.name}": it is offered as "${offered.name}"; remove the offer first with "loom remove-offer ${offered.name}"`,
    );
  for (const relation of relationsOf(state, application.name)) {
    destroyRelation(txn, relation.id, { allowPeer: true });
  }
  const current = txn.state.applications.get(application.name);
  if (current !== undefined) txn.putApplication({ ...current, life: 'dying' });
  for (const unit of unitsOf(txn.state, application.name)) destroyUnit(txn, unit);
  removeApplicationIfDone(txn, application.name);
  return txn.commit(undefined);
}
