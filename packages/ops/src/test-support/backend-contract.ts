/**
 * The contract both hook-tool transports must keep: one sequence of backend calls, each with
 * what it answered (or the error class and message it threw), run in a unit's hook context. The
 * end-to-end suite runs it through processes and through the agent's socket against a real agent
 * (e2e/src/ops/backend-contract.test.ts) and expects the same answers from both.
 *
 * The unit must be a hook-recorder unit related as `sink` to a `source` application, with the
 * peer relation `peers`; writes use keys no hook reads, and are put back, so running it twice
 * answers the same.
 */
import type { Backend } from '../backend/backend.js';

/** One call of the contract. */
export interface ContractCase {
  readonly name: string;
  run(backend: Backend): Promise<unknown>;
}

/** A case's answer, or the error it threw. */
export type ContractAnswer =
  { readonly value: unknown } | { readonly error: string; readonly message: string };

/** The relation `sink` of the unit under test, as `{ endpoint, id }`. */
async function sink(backend: Backend) {
  const [id = ''] = await backend.relationIds('sink');
  return { endpoint: 'sink', id: Number(id.split(':')[1]) };
}

/** The calls, in order. */
export const BACKEND_CONTRACT: readonly ContractCase[] = [
  { name: 'relation-ids of an endpoint', run: (b) => b.relationIds('sink') },
  { name: 'relation-ids of an endpoint with none', run: (b) => b.relationIds('source') },
  { name: 'relation-list', run: async (b) => b.relationList(await sink(b)) },
  { name: 'relation-list --app', run: async (b) => b.relationRemoteApp(await sink(b)) },
  {
    name: 'relation-get of a remote unit, ingress keys dropped',
    run: async (b) => {
      const relation = await sink(b);
      const [unit = ''] = await b.relationList(relation);
      return Object.keys(await b.relationGet(relation, unit, false)).sort();
    },
  },
  {
    name: 'relation-set, read back in the same context, then put back',
    run: async (b) => {
      const relation = await sink(b);
      const unit = process.env.JUJU_UNIT_NAME ?? '';
      await b.relationSet(relation, { 'contract-key': 'a value with spaces\nand a line' }, false);
      const written = (await b.relationGet(relation, unit, false))['contract-key'];
      await b.relationSet(relation, { 'contract-key': '' }, false);
      const after = (await b.relationGet(relation, unit, false))['contract-key'];
      return { written, after: after ?? null };
    },
  },
  {
    name: 'relation-get of a relation that is not there',
    run: (b) => b.relationGet({ endpoint: 'sink', id: 999 }, 'x/0', false),
  },
  { name: 'config-get', run: async (b) => Object.keys(await b.configGet()).sort() },
  { name: 'is-leader', run: (b) => b.isLeader() },
  {
    name: 'status-set, then status-get',
    run: async (b) => {
      await b.statusSet('maintenance', 'contract: checking', false);
      const status = await b.statusGet(false);
      return { status: status.status, message: status.message };
    },
  },
  {
    name: 'network-get of a relation',
    run: async (b) => Object.keys(await b.networkGet('sink', (await sink(b)).id)).sort(),
  },
  {
    name: 'open-port, opened-ports, close-port',
    run: async (b) => {
      await b.openPort('tcp', 8123);
      const open = await b.openedPorts();
      await b.closePort('tcp', 8123);
      return { open, after: await b.openedPorts() };
    },
  },
  {
    name: 'state-set, state-get, state-delete',
    run: async (b) => {
      await b.stateSet({ 'contract-state': '{"n":1}' });
      const set = (await b.stateGetAll())?.['contract-state'];
      await b.stateDelete('contract-state');
      return { set, after: (await b.stateGetAll())?.['contract-state'] ?? null };
    },
  },
  { name: 'goal-state', run: async (b) => Object.keys((await b.goalState()).units ?? {}).sort() },
  { name: 'juju-log', run: (b) => b.jujuLog('INFO', 'contract: logged') },
  { name: 'action-get outside an action', run: (b) => b.actionGet() },
];

/** Runs every case, catching each error as its class and message. */
export async function runContract(backend: Backend): Promise<Record<string, ContractAnswer>> {
  const answers: Record<string, ContractAnswer> = {};
  for (const contractCase of BACKEND_CONTRACT) {
    try {
      answers[contractCase.name] = { value: (await contractCase.run(backend)) ?? null };
    } catch (error) {
      answers[contractCase.name] =
        error instanceof Error
          ? { error: error.name, message: error.message }
          : { error: 'thrown', message: String(error) };
    }
  }
  return answers;
}
