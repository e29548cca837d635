/**
 * Unit statuses as the agent and the charm report them (`status-set`, agent state, and the
 * workload version of `application-version-set`). The first agent report ends the "allocating"
 * phase that lets remove-unit skip hooks (R3.15).
 */
import type { Status } from '../model/entities.js';
import type { ModelState } from '../model/model-state.js';
import type { OperationResult } from '../model/refusal.js';
import { refuse } from '../model/refusal.js';
import { ModelTransaction } from '../model/transaction.js';

/**
 * Sets the agent status, the workload status, the workload version (R7.22), or several. What is
 * unchanged writes nothing.
 */
export function setUnitStatus(
  state: ModelState,
  input: {
    readonly unit: string;
    readonly agent?: Status;
    readonly workload?: Status;
    readonly workloadVersion?: string;
  },
): OperationResult {
  const unit = state.units.get(input.unit);
  if (unit === undefined) return refuse('not-found', `unit "${input.unit}" does not exist`);
  const agentStatus = input.agent ?? unit.agentStatus;
  const workloadStatus = input.workload ?? unit.workloadStatus;
  const workloadVersion = input.workloadVersion ?? unit.workloadVersion;
  const txn = new ModelTransaction(state);
  if (
    !sameStatus(agentStatus, unit.agentStatus) ||
    !sameStatus(workloadStatus, unit.workloadStatus) ||
    workloadVersion !== unit.workloadVersion
  ) {
    txn.putUnit({ ...unit, agentStatus, workloadStatus, workloadVersion });
  }
  return txn.commit(undefined);
}

function sameStatus(a: Status, b: Status): boolean {
  return a.current === b.current && a.message === b.message;
}

/** The message Juju gives a non-leader setting the application status (R7.17). */
export const NOT_LEADER_FOR_STATUS = 'this unit is not the leader';

/** Sets the application status on behalf of `unit`, which must be the leader (R7.17). */
export function setApplicationStatus(
  state: ModelState,
  input: { readonly unit: string; readonly status: Status },
): OperationResult {
  const unit = state.units.get(input.unit);
  if (unit === undefined) return refuse('not-found', `unit "${input.unit}" does not exist`);
  const application = state.applications.get(unit.application);
  if (application === undefined)
    return refuse('not-found', `application "${unit.application}" not found`);
  if (state.leaders.get(application.name) !== unit.name) {
    return refuse('permission-denied', NOT_LEADER_FOR_STATUS);
  }
  const txn = new ModelTransaction(state);
  if (!sameStatus(application.status, input.status))
    txn.putApplication({ ...application, status: input.status });
  return txn.commit(undefined);
}
