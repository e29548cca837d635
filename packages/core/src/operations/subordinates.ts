/**
 * How subordinate units die (R3.17): with their principal, when no container relation to their
 * principal's application remains, or with their application (see remove-application).
 */
import type { ModelState } from '../model/model-state.js';
import { counterpartApplication, isContainerRelation, relationsOf } from '../model/queries.js';
import type { OperationResult } from '../model/refusal.js';
import { refuse } from '../model/refusal.js';
import { ModelTransaction } from '../model/transaction.js';
import { destroyUnit } from './internal/unit-lifecycle.js';

/** True if the unit's application has an Alive container relation it takes part in. */
function hasAliveContainerRelation(
  state: ModelState,
  application: string,
  withApplication?: string,
): boolean {
  return relationsOf(state, application).some(
    (relation) =>
      relation.life === 'alive' &&
      isContainerRelation(relation) &&
      (withApplication === undefined ||
        counterpartApplication(relation, application) === withApplication),
  );
}

/**
 * R3.17 (1), R5.18: a Dying principal destroys all its subordinate units, if it still has at
 * least one Alive container relation.
 */
export function destroySubordinates(
  state: ModelState,
  input: { readonly principal: string },
): OperationResult {
  const principal = state.units.get(input.principal);
  if (principal === undefined)
    return refuse('not-found', `unit "${input.principal}" does not exist`);
  const txn = new ModelTransaction(state);
  if (!hasAliveContainerRelation(state, principal.application)) return txn.commit(undefined);
  for (const unit of state.index.subordinates.get(principal.name)?.values() ?? [])
    destroyUnit(txn, unit);
  return txn.commit(undefined);
}

/**
 * R3.17 (2): true when a subordinate unit has no Alive container relation left to its principal's
 * application, so it must destroy itself (how `remove-relation` removes subordinate units).
 */
export function subordinateIsOrphaned(state: ModelState, unit: string): boolean {
  const subordinate = state.units.get(unit);
  if (subordinate?.principal === undefined || subordinate.life !== 'alive') return false;
  const principal = state.units.get(subordinate.principal);
  if (principal === undefined) return true;
  return !hasAliveContainerRelation(state, subordinate.application, principal.application);
}

/** R3.17 (2): destroys the subordinate unit if it is orphaned; otherwise changes nothing. */
export function destroyOrphanedSubordinate(
  state: ModelState,
  input: { readonly unit: string },
): OperationResult {
  if (!state.units.has(input.unit))
    return refuse('not-found', `unit "${input.unit}" does not exist`);
  const txn = new ModelTransaction(state);
  if (subordinateIsOrphaned(state, input.unit)) destroyUnit(txn, input.unit);
  return txn.commit(undefined);
}
