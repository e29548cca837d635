/**
 * Leadership as an input: the controller's lease decides who leads; core records it. One leader
 * per application at most.
 */
import type { ModelState } from '../model/model-state.js';
import type { OperationResult } from '../model/refusal.js';
import { refuse } from '../model/refusal.js';
import { ModelTransaction } from '../model/transaction.js';

/**
 * Makes `unit` the leader of `application`, or leaves the application without one (`unit`
 * undefined). Leadership changes run no relation hook and change no bag (R5.21).
 */
export function setLeader(
  state: ModelState,
  input: { readonly application: string; readonly unit?: string },
): OperationResult {
  if (!state.applications.has(input.application)) {
    return refuse('not-found', `application "${input.application}" not found`);
  }
  if (input.unit !== undefined) {
    const unit = state.units.get(input.unit);
    if (unit === undefined) return refuse('not-found', `unit "${input.unit}" does not exist`);
    if (unit.application !== input.application) {
      return refuse(
        'not-valid',
        `unit "${input.unit}" is not a unit of application "${input.application}"`,
      );
    }
    if (unit.life === 'dead') return refuse('not-alive', `unit "${input.unit}" is dead`);
  }
  const txn = new ModelTransaction(state);
  if (state.leaders.get(input.application) !== input.unit)
    txn.setLeader(input.application, input.unit);
  return txn.commit(undefined);
}
