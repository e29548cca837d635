/**
 * `add-unit`: more units of a principal application (R2.26: never of a subordinate).
 */
import type { ModelState } from '../model/model-state.js';
import type { OperationResult } from '../model/refusal.js';
import { refuse } from '../model/refusal.js';
import { ModelTransaction } from '../model/transaction.js';
import { checkPlacement } from './internal/placement.js';
import { addUnit as addUnitIn } from './internal/unit-lifecycle.js';
import { applicationNotFound } from './internal/endpoint-names.js';

/** Which application, how many units, and optionally on which existing machines. */
export interface AddUnitInput {
  readonly application: string;
  /** Defaults to 1. */
  readonly numUnits?: number;
  readonly to?: readonly string[];
}

/**
 * Adds units to an application, each on a new machine unless placed with `to`.
 *
 * @example
 * addUnit(state, { application: 'app', numUnits: 2 }); // app/2, app/3 on new machines
 */
export function addUnit(
  state: ModelState,
  input: AddUnitInput,
): OperationResult<{ units: readonly string[] }> {
  const application = state.applications.get(input.application);
  if (application === undefined) {
    return applicationNotFound(state, input.application);
  }
  if (application.subordinate) {
    return refuse(
      'not-supported',
      `cannot add unit to application "${application.name}": application is a subordinate`,
    );
  }
  if (application.life !== 'alive') {
    return refuse(
      'not-alive',
      `cannot add unit to application "${application.name}": application is not alive`,
    );
  }
  const numUnits = input.numUnits ?? 1;
  if (!Number.isInteger(numUnits) || numUnits < 1) {
    return refuse('not-valid', `--num-units must be a whole number of 1 or more, got ${numUnits}`);
  }
  const placementRefusal = checkPlacement(state, input.to ?? [], numUnits);
  if (placementRefusal !== undefined) return placementRefusal;
  const txn = new ModelTransaction(state);
  const units: string[] = [];
  for (let index = 0; index < numUnits; index += 1) {
    const machine = input.to?.[index];
    units.push(addUnitIn(txn, application.name, machine === undefined ? {} : { machine }));
  }
  return txn.commit({ units });
}
