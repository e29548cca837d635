/**
 * Leader settings (`leader-set`, R7.16): written at once by the leader, versioned like a bag so
 * that non-leaders get `leader-settings-changed` for real changes only (R5.21).
 */
import type { ModelState } from '../model/model-state.js';
import { applyBagDelta } from '../model/bag-delta.js';
import { EMPTY_BAG } from '../model/model-state.js';
import type { OperationResult } from '../model/refusal.js';
import { refuse } from '../model/refusal.js';
import { ModelTransaction } from '../model/transaction.js';

/** The settings Juju answers a non-leader's `leader-set` with (R7.16). */
export const NOT_THE_LEADER =
  'cannot write leadership settings: cannot write settings: not the leader';

/**
 * Writes an application's leader settings on behalf of `unit`, which must be its leader.
 * `""` deletes a key; an unchanged write bumps nothing.
 */
export function writeLeaderSettings(
  state: ModelState,
  input: { readonly unit: string; readonly settings: ReadonlyMap<string, string> },
): OperationResult<{ version: number; changed: boolean }> {
  const unit = state.units.get(input.unit);
  if (unit === undefined) return refuse('not-found', `unit "${input.unit}" does not exist`);
  if (state.leaders.get(unit.application) !== unit.name)
    return refuse('permission-denied', NOT_THE_LEADER);
  const bag = state.leaderSettings.get(unit.application) ?? EMPTY_BAG;
  const txn = new ModelTransaction(state);
  const written = applyBagDelta(bag, input.settings);
  if (written === undefined) return txn.commit({ version: bag.version, changed: false });
  txn.putLeaderSettings(unit.application, written);
  return txn.commit({ version: written.version, changed: true });
}
