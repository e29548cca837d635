/**
 * Statuses as `juju status` shows them, shared by every format: a unit whose agent is in error
 * shows `error` as its workload status with the agent's message, and its agent as `idle`; an
 * application whose leader never set its status shows the most severe workload status of its
 * units (error, blocked, maintenance, waiting, active, unknown — Juju's order).
 */
import type { Status } from '@loom/core';
import type { ApplicationStatusDocument, UnitStatusDocument } from '@loom/protocol';

const SEVERITY: Readonly<Record<string, number>> = {
  error: 100,
  blocked: 90,
  maintenance: 80,
  waiting: 70,
  active: 60,
  terminated: 50,
  unknown: 40,
};

/** A unit's workload and agent status as shown. */
export function shownUnitStatus(unit: UnitStatusDocument): { workload: Status; agent: Status } {
  if (unit.agentStatus.current !== 'error')
    return { workload: unit.workloadStatus, agent: unit.agentStatus };
  return { workload: unit.agentStatus, agent: { current: 'idle', message: '' } };
}

/** An application's status as shown: its own once set, else derived from its units. */
export function shownApplicationStatus(
  application: ApplicationStatusDocument,
  units: ReadonlyMap<string, UnitStatusDocument>,
): Status {
  if (application.status.current !== 'unknown') return application.status;
  let shown: Status = application.status;
  for (const name of application.units) {
    const unit = units.get(name);
    if (unit === undefined) continue;
    const { workload } = shownUnitStatus(unit);
    if ((SEVERITY[workload.current] ?? 0) > (SEVERITY[shown.current] ?? 0)) shown = workload;
  }
  return shown;
}
