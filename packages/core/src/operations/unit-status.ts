/**
 * Unit statuses as the agent and the charm report them (`status-set`, agent state). The first
 * agent report ends the "allocating" phase that lets remove-unit skip hooks (R3.15).
 */
import type { Status } from '../model/entities.js';
import type { ModelState } from '../model/model-state.js';
import type { OperationResult } from '../model/refusal.js';
import { refuse } from '../model/refusal.js';
import { ModelTransaction } from '../model/transaction.js';

/** Sets the agent status, the workload status, or both. An unchanged status writes nothing. */
export function setUnitStatus(
  state: ModelState,
  input: { readonly unit: string; readonly agent?: Status; readonly workload?: Status },
): OperationResult {
  const unit = state.units.get(input.unit);
  if (unit === undefined) return refuse('not-found', `unit "${input.unit}" does not exist`);
  const agentStatus = input.agent ?? unit.agentStatus;
  const workloadStatus = input.workload ?? unit.workloadStatus;
  const txn = new ModelTransaction(state);
  if (
    !sameStatus(agentStatus, unit.agentStatus) ||
    !sameStatus(workloadStatus, unit.workloadStatus)
  ) {
    txn.putUnit({ ...unit, agentStatus, workloadStatus });
  }
  return txn.commit(undefined);
}

function sameStatus(a: Status, b: Status): boolean {
  return a.current === b.current && a.message === b.message;
}
