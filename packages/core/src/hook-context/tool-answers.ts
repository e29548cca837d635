/**
 * What the read-only hook tools that look past the hook's own context answer — status-get,
 * network-get and goal-state — as plain values, computed from the model. The agent's tools print
 * them; in-process backends (the test kit) hand them to the charm as they are, so both answer the
 * same (R7.17, R7.19, R7.21).
 */
import { applicationEndpoints } from '../charm/endpoints.js';
import { applicationOfUnit } from '../databags/bag-permissions.js';
import type { Status } from '../model/entities.js';
import type { ModelState } from '../model/model-state.js';
import { counterpartApplication, endpointOf, relationsOf } from '../model/queries.js';
import { HookToolError } from './hook-tool-error.js';
import { remoteMembers } from '../cross-model/remote-units.js';
import { defaultEgressSubnets } from '../operations/scope.js';

/** A JSON value, as the tools print it. */
export type AnswerValue =
  | string
  | number
  | boolean
  | null
  | readonly AnswerValue[]
  | { readonly [key: string]: AnswerValue };

/** One status as status-get prints it: `{status, message, status-data}`. */
export function statusAnswer(status: Status): Record<string, AnswerValue> {
  return { status: status.current, message: status.message, 'status-data': {} };
}

/** The unit's workload status (`status-get --include-data`). */
export function unitStatusAnswer(state: ModelState, unit: string): Record<string, AnswerValue> {
  const entity = state.units.get(unit);
  if (entity === undefined) throw new HookToolError('not-found', `unit "${unit}" not found`, 1);
  return statusAnswer(entity.workloadStatus);
}

/**
 * The application's status with each of its units' (`status-get --application`); the caller
 * checks leadership first.
 */
export function applicationStatusAnswer(
  state: ModelState,
  unit: string,
): Record<string, AnswerValue> {
  const application = applicationOfUnit(unit);
  const units: Record<string, AnswerValue> = {};
  for (const name of state.index.unitsByApplication.get(application) ?? []) {
    const member = state.units.get(name);
    if (member !== undefined) units[name] = statusAnswer(member.workloadStatus);
  }
  const status = state.applications.get(application)?.status ?? { current: 'unknown', message: '' };
  return { 'application-status': { ...statusAnswer(status), units } };
}

/** The bindings a unit may ask network-get about: its charm's endpoints and extra bindings. */
export function unitBindings(state: ModelState, unit: string): Set<string> {
  const charm = state.applications.get(applicationOfUnit(unit))?.charm;
  if (charm === undefined) return new Set();
  return new Set([
    ...applicationEndpoints(charm).map((endpoint) => endpoint.name),
    ...charm.extraBindings,
  ]);
}

/**
 * network-get's whole answer for a binding of the unit, whose machine has `address` (one
 * loopback interface).
 *
 * @throws HookToolError `not-found` for a binding the charm does not have.
 */
export function networkAnswer(
  state: ModelState,
  unit: string,
  binding: string,
  address: string,
  relationId?: number,
): Record<string, AnswerValue> {
  if (!unitBindings(state, unit).has(binding))
    throw new HookToolError('not-found', `no network config found for binding "${binding}"`, 1);
  return {
    'bind-addresses': [
      {
        'mac-address': '',
        'interface-name': 'lo',
        addresses: [{ hostname: '', value: address, cidr: '127.0.0.0/8' }],
        macaddress: '',
        interfacename: 'lo',
      },
    ],
    'egress-subnets': egressSubnets(state, address, relationId),
    'ingress-addresses': [address],
  };
}

/**
 * The egress subnets network-get reports: a cross-model relation's `--via` subnets (R8.6), else
 * the unit's address as a single host.
 */
export function egressSubnets(state: ModelState, address: string, relationId?: number): string[] {
  const relation = relationId === undefined ? undefined : state.relations.get(relationId);
  return [...defaultEgressSubnets(address, relation)];
}

function unitGoal(state: ModelState, name: string): { status: string } {
  const unit = state.units.get(name);
  if (unit?.life !== 'alive') return { status: 'dying' };
  return { status: unit.agentStatus.current === 'allocating' ? 'waiting' : 'active' };
}

/** goal-state: the unit's application's units, and each relation's remote side and units. */
export function goalStateAnswer(state: ModelState, unit: string): Record<string, AnswerValue> {
  const application = applicationOfUnit(unit);
  const units: Record<string, AnswerValue> = {};
  for (const name of state.index.unitsByApplication.get(application) ?? [])
    units[name] = unitGoal(state, name);
  const relations: Record<string, Record<string, AnswerValue>> = {};
  for (const relation of relationsOf(state, application)) {
    const own = endpointOf(relation, application);
    if (own === undefined) continue;
    const remote = counterpartApplication(relation, application);
    const entry = (relations[own.name] ??= {});
    entry[remote] = { status: relation.life === 'alive' ? relation.status : 'dying' };
    for (const name of state.index.unitsByApplication.get(remote) ?? [])
      if (name !== unit) entry[name] = unitGoal(state, name);
    // Remote units of another model exist only as members (R8.4): in scope means active.
    for (const name of remoteMembers(state, relation)) entry[name] = { status: 'active' };
  }
  return { units, relations };
}
