/**
 * ContextBackend answers @loom/ops's calls from core's hook context as the agent's tools do:
 * the same values (status-get, network-get, goal-state, opened-ports, state-get), the same error
 * classes and `ERROR ...` texts (R7.2), and action results nested as action-set nests them.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { Simulator } from '@loom/core';
import type { HookContext } from '@loom/core';
import { ModelError, RelationNotFoundError } from '@loom/ops';

import { loadCharmSpec } from './charm-spec.js';
import { ContextBackend } from './context-backend.js';
import type { ActionRecord } from './context-backend.js';

const METADATA = loadCharmSpec({
  metadata: 'name: web\nsummary: s\ndescription: d\npeers:\n  peers:\n    interface: web-peers\n',
});

/** Runs `probe` with a backend in web/0's start hook, and returns what it returned. */
async function inStartHook<T>(
  probe: (backend: ContextBackend, action: ActionRecord) => Promise<T>,
): Promise<T> {
  let answer: { value: T } | undefined;
  const action: ActionRecord = {
    name: 'a',
    params: { n: 1 },
    results: {},
    logs: [],
    failure: undefined,
  };
  const sim = new Simulator();
  sim.deploy({
    application: 'web',
    charm: METADATA,
    handler: async (context: HookContext) => {
      if (context.hook?.kind !== 'start') return;
      const backend = new ContextBackend({
        context,
        model: () => sim.state,
        address: '10.1.2.3',
        action,
      });
      answer = { value: await probe(backend, action) };
    },
  });
  await sim.settleAsync();
  assert.ok(answer !== undefined, 'the start hook ran');
  return answer.value;
}

describe('ContextBackend', () => {
  it('answers status, network, goal state and state as the tools print them', async () => {
    const answers = await inStartHook(async (backend) => {
      await backend.statusSet('active', 'ready', false);
      await backend.stateSet({ k: 'v' });
      return {
        status: await backend.statusGet(false),
        app: await backend.statusGet(true),
        network: await backend.networkGet('peers'),
        goal: await backend.goalState(),
        state: await backend.stateGetAll(),
        leader: await backend.isLeader(),
      };
    });
    assert.deepEqual(answers.status, { status: 'active', message: 'ready', 'status-data': {} });
    assert.deepEqual(Object.keys(answers.app), ['application-status']);
    assert.deepEqual(answers.network['ingress-addresses'], ['10.1.2.3']);
    assert.deepEqual(answers.network['egress-subnets'], ['10.1.2.3/32']);
    assert.deepEqual(answers.goal.units, { 'web/0': { status: 'active' } });
    assert.deepEqual(answers.state, { k: 'v' });
    assert.equal(answers.leader, true);
  });

  it('fails as HookToolBackend does: ModelError with the tool text, RelationNotFoundError for a gone relation', async () => {
    const errors = await inStartHook(async (backend) => {
      const caught: unknown[] = [];
      for (const call of [
        () => backend.networkGet('nowhere'),
        () => backend.relationList({ endpoint: 'peers', id: 99 }),
        () => backend.stateSet({ ['k'.repeat(300)]: 'v' }),
      ]) {
        try {
          await call();
        } catch (error) {
          caught.push(error);
        }
      }
      return caught;
    });
    assert.equal(errors.length, 3);
    assert.ok(errors[0] instanceof ModelError);
    assert.equal(errors[0].message, 'ERROR no network config found for binding "nowhere"');
    assert.ok(errors[1] instanceof RelationNotFoundError);
    assert.match(errors[1].message, /^ERROR relation not found/);
    assert.ok(errors[2] instanceof ModelError);
    assert.match(errors[2].message, /^ERROR key "k{32}\.\.\." is longer than 256 bytes$/);
  });

  it('records ports for the commit and nests action results as action-set does', async () => {
    const result = await inStartHook(async (backend, action) => {
      await backend.openPort('tcp', 8080);
      await backend.actionSet({ out: { a: 1 }, b: 'x' });
      await backend.actionLog('working');
      await backend.actionFail();
      return { ports: await backend.openedPorts(), params: await backend.actionGet(), action };
    });
    // opened-ports shows the ports the hook started with (R7.24).
    assert.deepEqual(result.ports, []);
    assert.deepEqual(result.params, { n: 1 });
    assert.deepEqual(result.action.results, { out: { a: '1' }, b: 'x' });
    assert.deepEqual(result.action.logs, ['working']);
    assert.equal(
      result.action.failure,
      'action failed without reason given, check action for errors',
    );
  });
});
