/**
 * Test support: the models of spec §9 built by operations, with every unit agent having started
 * (so removals go through Dying) and units entered into scope where the scenario says so.
 */
import { deploy } from '../operations/deploy.js';
import { integrate } from '../operations/integrate.js';
import { setLeader } from '../operations/leadership.js';
import { enterScope } from '../operations/scope.js';
import { setUnitStatus } from '../operations/unit-status.js';
import { emptyModel } from '../model/model-state.js';
import type { ModelState } from '../model/model-state.js';
import type { OperationResult } from '../model/refusal.js';
import { observedMembers, unitSnapshot } from '../uniter/unit-snapshot.js';
import { chain, CHARMS } from './scenario-charms.js';

type Step = (state: ModelState) => OperationResult<unknown>;

/** Each unit's agent reports `idle`, as a started agent does. */
export function started(...units: string[]): Step[] {
  return units.map(
    (unit) => (state: ModelState) =>
      setUnitStatus(state, { unit, agent: { current: 'idle', message: '' } }),
  );
}

/** Units enter a relation's scope with addresses 10.0.0.<n> in the order given. */
export function entered(relationId: number, ...units: string[]): Step[] {
  return units.map(
    (unit) => (state: ModelState) =>
      enterScope(state, { unit, relationId, ingressAddress: addressOf(unit) }),
  );
}

/** A stable address per unit for tests: db/0 → 10.0.0.1, app/0 → 10.0.1.1, ... */
export function addressOf(unit: string): string {
  const [application = '', number = '0'] = unit.split('/');
  let hash = 0;
  for (const char of application) hash = (hash * 31 + char.charCodeAt(0)) % 250;
  return `10.0.${hash}.${Number(number) + 1}`;
}

/** S1: db (1 unit, leader db/0) and app (2 units, leader app/0), related as relation 0. */
export function s1(options: { inScope: boolean } = { inScope: true }): ModelState {
  return chain(
    emptyModel('s1'),
    (state) => deploy(state, { application: 'db', charm: CHARMS.dbcharm }),
    (state) => deploy(state, { application: 'app', charm: CHARMS.webcharm, numUnits: 2 }),
    ...started('db/0', 'app/0', 'app/1'),
    (state) => setLeader(state, { application: 'db', unit: 'db/0' }),
    (state) => setLeader(state, { application: 'app', unit: 'app/0' }),
    (state) => integrate(state, { endpoints: ['app', 'db'] }),
    ...(options.inScope ? entered(0, 'db/0', 'app/0', 'app/1') : []),
  );
}

/** S11: cluster (3 units, leader cluster/0) in its peer relation 0. */
export function s11(): ModelState {
  return chain(
    emptyModel('s11'),
    (state) => deploy(state, { application: 'cluster', charm: CHARMS.clustercharm, numUnits: 3 }),
    ...started('cluster/0', 'cluster/1', 'cluster/2'),
    (state) => setLeader(state, { application: 'cluster', unit: 'cluster/0' }),
    ...entered(0, 'cluster/0', 'cluster/1', 'cluster/2'),
  );
}

/**
 * S19: app (logsrc, 2 units on machines 0 and 1) and logger related through `logging` (relation 0);
 * the principals entered scope, creating logger/0 and logger/1, which entered scope too.
 */
export function s19(): ModelState {
  return chain(
    emptyModel('s19'),
    (state) => deploy(state, { application: 'app', charm: CHARMS.logsrc, numUnits: 2 }),
    (state) => deploy(state, { application: 'logger', charm: CHARMS.logger }),
    ...started('app/0', 'app/1'),
    (state) => setLeader(state, { application: 'app', unit: 'app/0' }),
    (state) => integrate(state, { endpoints: ['app', 'logger'] }),
    ...entered(0, 'app/0', 'app/1'),
    ...started('logger/0', 'logger/1'),
    (state) => setLeader(state, { application: 'logger', unit: 'logger/0' }),
    ...entered(0, 'logger/0', 'logger/1'),
  );
}

/** The units a unit observes in its first relation (R3.2), in byte-wise order. */
export function observedUnits(state: ModelState, unit: string): string[] {
  const relation = unitSnapshot(state, unit)?.relations[0];
  return relation === undefined ? [] : observedMembers(relation).map(([name]) => name);
}
