/**
 * Unit life inside a transaction: creation on a machine, destruction (R3.15), marking
 * memberships departing (R3.8) and final removal with its scopes (R3.9).
 */
import type { Unit } from '../../model/entities.js';
import type { ModelTransaction } from '../../model/transaction.js';
import { leaveScope, removeApplicationIfDone } from './relation-lifecycle.js';

/** Statuses of a unit whose agent has not reported yet (as `juju status` shows a new unit). */
const NEW_UNIT_STATUS = {
  agentStatus: { current: 'allocating', message: '' },
  workloadStatus: { current: 'waiting', message: 'waiting for machine' },
  workloadVersion: '',
} as const;

/**
 * Adds a unit of `application`, numbered from the application's own sequence, on `machine` or on
 * a new machine. For a subordinate, `principal` names the unit it is attached to (R2.23).
 */
export function addUnit(
  txn: ModelTransaction,
  application: string,
  placement: { readonly machine?: string; readonly principal?: string },
): string {
  const app = txn.state.applications.get(application);
  if (app === undefined) throw new Error(`invariant: application "${application}" exists`);
  const name = `${application}/${app.nextUnitNumber}`;
  txn.putApplication({ ...app, nextUnitNumber: app.nextUnitNumber + 1 });
  const machine = placement.machine ?? addMachine(txn);
  const unit: Unit = {
    name,
    application,
    machine,
    ...(placement.principal === undefined ? {} : { principal: placement.principal }),
    life: 'alive',
    ...NEW_UNIT_STATUS,
  };
  txn.putUnit(unit);
  return name;
}

function addMachine(txn: ModelTransaction): string {
  const { sequences } = txn.state;
  const id = String(sequences.machine);
  txn.putSequences({ ...sequences, machine: sequences.machine + 1 });
  txn.putMachine({ id, life: 'alive' });
  return id;
}

/**
 * R3.15: destroys a unit. One whose agent never reported (still allocating) and that has no
 * subordinates is removed at once, with no hooks anywhere; otherwise it becomes Dying and its
 * memberships are marked departing (R3.8).
 */
export function destroyUnit(txn: ModelTransaction, name: string): void {
  const unit = txn.state.units.get(name);
  if (unit?.life !== 'alive') return;
  const hasSubordinates = txn.state.index.subordinates.has(name);
  if (unit.agentStatus.current === 'allocating' && !hasSubordinates) {
    removeUnitWithScopes(txn, name);
    return;
  }
  txn.putUnit({ ...unit, life: 'dying' });
  markDeparting(txn, name);
}

/** R3.8: every membership of the unit is marked departing; others treat it as gone at once. */
export function markDeparting(txn: ModelTransaction, unit: string): void {
  for (const relationId of txn.state.index.relationsByUnit.get(unit) ?? []) {
    const membership = txn.state.memberships.get(relationId)?.get(unit);
    if (membership !== undefined && !membership.departing) {
      txn.putMembership({ ...membership, departing: true });
    }
  }
}

/**
 * R3.9: removes a unit from the model. Every membership it still holds is cleared as a leave-scope
 * (R3.10), its leadership goes, an empty machine goes, and a Dying application may go (R3.16).
 */
export function removeUnitWithScopes(txn: ModelTransaction, name: string): void {
  const unit = txn.state.units.get(name);
  if (unit === undefined) return;
  for (const relationId of [...(txn.state.index.relationsByUnit.get(name) ?? [])]) {
    leaveScope(txn, relationId, name);
  }
  txn.removeUnit(name);
  if (!txn.state.index.unitsByMachine.has(unit.machine)) {
    txn.removeMachine(unit.machine);
  }
  removeApplicationIfDone(txn, unit.application);
}
