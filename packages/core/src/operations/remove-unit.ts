/**
 * `remove-unit` (R3.15, R2.26) and the end of a unit's life: becoming Dead and being removed.
 */
import type { ModelState } from '../model/model-state.js';
import type { OperationResult } from '../model/refusal.js';
import { refuse } from '../model/refusal.js';
import { ModelTransaction } from '../model/transaction.js';
import { destroyUnit, markDeparting, removeUnitWithScopes } from './internal/unit-lifecycle.js';

/**
 * Destroys principal units at a user's request (R3.15). A unit whose agent never reported is
 * removed at once; others become Dying with their memberships departing (R3.8). Subordinate units
 * are refused (R2.26); an already Dying unit is left as it is.
 */
export function removeUnit(
  state: ModelState,
  input: { readonly units: readonly string[] },
): OperationResult {
  for (const name of input.units) {
    const unit = state.units.get(name);
    if (unit === undefined) return refuse('not-found', `unit "${name}" does not exist`);
    if (unit.principal !== undefined) {
      return refuse(
        'not-supported',
        `unit "${name}" is a subordinate, to remove use remove-relation. Note: this will remove all units of "${unit.application}"`,
      );
    }
  }
  const txn = new ModelTransaction(state);
  for (const name of input.units) destroyUnit(txn, name);
  return txn.commit(undefined);
}

/**
 * R3.8 on its own: marks every membership of a Dying unit departing. `removeUnit` already does
 * this; it is exposed for a controller that replays Juju's cleanup step separately.
 */
export function markUnitDeparting(
  state: ModelState,
  input: { readonly unit: string },
): OperationResult {
  const unit = state.units.get(input.unit);
  if (unit === undefined) return refuse('not-found', `unit "${input.unit}" does not exist`);
  if (unit.life === 'alive') return refuse('not-valid', `unit "${input.unit}" is alive`);
  const txn = new ModelTransaction(state);
  markDeparting(txn, input.unit);
  return txn.commit(undefined);
}

/**
 * The unit's agent finished tearing down (after its `remove` hook): it becomes Dead and is removed,
 * clearing the memberships it still holds (R3.9), its leadership and an emptied machine. Refused
 * while the unit still has subordinates (J: `EnsureDead`) or is Alive.
 */
export function unitDead(state: ModelState, input: { readonly unit: string }): OperationResult {
  const unit = state.units.get(input.unit);
  if (unit === undefined) return refuse('not-found', `unit "${input.unit}" does not exist`);
  if (unit.life === 'alive') {
    return refuse(
      'not-alive',
      `unit "${input.unit}" is alive; destroy it before it can become dead`,
    );
  }
  const subordinates = state.index.subordinates.get(input.unit);
  if (subordinates !== undefined) {
    return refuse(
      'has-subordinates',
      `unit "${input.unit}" cannot become dead: it still has subordinates (${[...subordinates.values()].sort().join(', ')})`,
    );
  }
  const txn = new ModelTransaction(state);
  removeUnitWithScopes(txn, input.unit);
  return txn.commit(undefined);
}
