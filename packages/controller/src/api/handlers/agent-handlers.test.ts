/**
 * What agents may do, checked by the controller whatever the agent sends (R4.8, DESIGN
 * "Reliability rules"): forged hook commits change nothing; uniter state is stored with each
 * operation; errors and resolutions; bag reads need read access; exec and action progress.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { initialUniterState, unitHook } from '@loom/core';
import { ApiCallError, EMPTY_HOOK_COMMIT, encodeHook, encodeUniterState } from '@loom/protocol';
import type { HookCommitDocument } from '@loom/protocol';

import { CHARM_UPLOADS, startTestController } from '../../test-support/test-controller.js';
import type { TestController } from '../../test-support/test-controller.js';

const model = 'default';
const uniter = (unit: string, changes: Partial<ReturnType<typeof encodeUniterState>> = {}) => ({
  ...encodeUniterState(initialUniterState(unit)),
  ...changes,
});
const install = encodeHook(unitHook('install'));

function refusedWith(status: number, message: string | RegExp) {
  return (error: unknown) =>
    error instanceof ApiCallError &&
    error.status === status &&
    (typeof message === 'string' ? error.message === message : message.test(error.message));
}

describe('agent calls', () => {
  let test: TestController;
  const commit = (unit: string, changes: Partial<HookCommitDocument>) =>
    test.client.call('agent/commit-hook', {
      model,
      unit,
      hook: install,
      commit: { ...EMPTY_HOOK_COMMIT, ...changes },
      uniterState: uniter(unit, { installed: true }),
    });

  before(async () => {
    test = await startTestController();
    const { client } = test;
    await client.call('deploy', { model, application: 'db', charm: CHARM_UPLOADS.db });
    await client.call('deploy', {
      model,
      application: 'app',
      charm: CHARM_UPLOADS.web,
      numUnits: 2,
    });
    for (const unit of ['db/0', 'app/0', 'app/1'])
      await client.call('agent/start', { model, unit });
    for (const unit of ['db/0', 'app/0', 'app/1'])
      await client.call('agent/claim-leadership', { model, unit });
    await client.call('integrate', { model, endpoints: ['app', 'db'] });
    for (const unit of ['db/0', 'app/0', 'app/1']) {
      await client.call('agent/run-operation', {
        model,
        unit,
        operation: {
          kind: 'enter-scope',
          relationId: 0,
          endpoint: 'database',
          remoteApplication: unit.startsWith('db') ? 'app' : 'db',
          peer: false,
          implicit: false,
        },
        uniterState: uniter(unit),
        ingressAddress: `10.0.0.${unit.endsWith('1') ? 2 : 1}`,
      });
    }
  });
  after(() => test.close());

  it('starts an agent: the unit leaves allocating and gets where it is and its uniter state', async () => {
    const started = await test.client.call('agent/start', { model, unit: 'app/1' });
    assert.equal(started.charmUrl, 'local:webcharm-0');
    assert.equal(started.principal, null);
    assert.equal(started.uniterState?.unit, 'app/1');
    const status = await test.client.call('status', { model });
    assert.equal(status.units.find((unit) => unit.name === 'app/1')?.agentStatus.current, 'idle');
  });

  it("refuses a forged write to another unit's bag, and changes nothing at all", async () => {
    const before = await test.client.call('export-model', { model });
    await assert.rejects(
      commit('app/1', {
        relationSettings: [
          { relationId: 0, owner: { kind: 'unit', name: 'app/1' }, settings: { mine: 'ok' } },
          { relationId: 0, owner: { kind: 'unit', name: 'db/0' }, settings: { host: 'evil' } },
        ],
      }),
      refusedWith(403, 'permission denied'),
    );
    assert.deepEqual(await test.client.call('export-model', { model }), before);
  });

  it("refuses an application-bag write by a non-leader with Juju's leadership message", async () => {
    const before = await test.client.call('export-model', { model });
    await assert.rejects(
      commit('app/1', {
        relationSettings: [
          { relationId: 0, owner: { kind: 'application', name: 'app' }, settings: { url: 'x' } },
        ],
      }),
      refusedWith(403, 'prerequisites failed: "app/1" is not leader of "app"'),
    );
    assert.deepEqual(await test.client.call('export-model', { model }), before);
  });

  it("commits the leader's writes with its uniter state in one transaction", async () => {
    const before = await test.client.call('export-model', { model });
    await commit('app/0', {
      relationSettings: [
        { relationId: 0, owner: { kind: 'application', name: 'app' }, settings: { url: 'x' } },
        { relationId: 0, owner: { kind: 'unit', name: 'app/0' }, settings: { ready: 'yes' } },
      ],
      charmState: { seen: '1' },
      ports: { open: [{ endpoint: '', protocol: 'tcp', from: 80, to: 80 }], close: [] },
    });
    const after = await test.client.call('export-model', { model });
    assert.equal(after.revision, before.revision + 1);
    const bag = after.model.bags.find(
      (entry) => entry.owner.name === 'app' && entry.relationId === 0,
    );
    assert.deepEqual(bag?.values, { url: 'x' });
    assert.deepEqual(after.model.openedPorts, [
      { unit: 'app/0', ports: [{ endpoint: '', protocol: 'tcp', from: 80, to: 80 }] },
    ]);
    const started = await test.client.call('agent/start', { model, unit: 'app/0' });
    assert.equal(started.uniterState?.installed, true);
    // The database side reads it; the other app unit, not leader, may not read its own app bag.
    assert.deepEqual(
      await test.client.call('agent/relation-get', {
        model,
        unit: 'db/0',
        relationId: 0,
        owner: { kind: 'application', name: 'app' },
      }),
      { values: { url: 'x' }, version: 1 },
    );
    await assert.rejects(
      test.client.call('agent/relation-get', {
        model,
        unit: 'app/1',
        relationId: 0,
        owner: { kind: 'application', name: 'app' },
      }),
      refusedWith(403, 'permission denied'),
    );
  });

  it('refuses a uniter state that belongs to another unit', async () => {
    await assert.rejects(
      test.client.call('agent/commit-hook', {
        model,
        unit: 'app/1',
        hook: install,
        commit: EMPTY_HOOK_COMMIT,
        uniterState: uniter('app/0'),
      }),
      refusedWith(400, /field "uniterState\.unit" is "app\/0", not the requesting unit "app\/1"/),
    );
  });

  it('R5.22, R5.23: a failed hook shows an error until resolved; resolve --no-retry asks to skip it', async () => {
    await assert.rejects(
      test.client.call('resolve', { model, unit: 'db/0' }),
      refusedWith(400, 'unit "db/0" is not in an error state'),
    );
    await test.client.call('agent/fail-hook', {
      model,
      unit: 'db/0',
      hook: install,
      uniterState: uniter('db/0', { failed: install }),
    });
    const status = await test.client.call('status', { model });
    assert.deepEqual(status.units.find((unit) => unit.name === 'db/0')?.agentStatus, {
      current: 'error',
      message: 'hook failed: "install"',
    });
    await test.client.call('resolve', { model, unit: 'db/0', noRetry: true });
    const started = await test.client.call('agent/start', { model, unit: 'db/0' });
    assert.equal(started.uniterState?.resolution, 'skip');
    await commit('db/0', {});
    const recovered = await test.client.call('status', { model });
    assert.equal(recovered.units.find((unit) => unit.name === 'db/0')?.agentStatus.current, 'idle');
  });

  it('refuses leader-set and application status from a non-leader', async () => {
    await assert.rejects(
      test.client.call('agent/leader-set', { model, unit: 'app/1', settings: { a: 'b' } }),
      refusedWith(403, /not the leader/),
    );
    await test.client.call('agent/leader-set', { model, unit: 'app/0', settings: { a: 'b' } });
    await assert.rejects(
      test.client.call('agent/set-status', {
        model,
        unit: 'app/1',
        status: { current: 'active', message: '' },
        application: true,
      }),
      (error: unknown) =>
        error instanceof ApiCallError && error.status >= 400 && error.status < 500,
    );
  });

  it('queues exec and actions per unit; agents report them started and finished', async () => {
    const { operations } = await test.client.call('exec', {
      model,
      applications: ['app'],
      command: 'hostname',
    });
    assert.deepEqual(
      operations.map((operation) => [operation.id, operation.unit, operation.status]),
      [
        [1, 'app/0', 'pending'],
        [2, 'app/1', 'pending'],
      ],
    );
    await assert.rejects(
      test.client.call('run-action', { model, units: ['app/0'], action: 'backup' }),
      refusedWith(400, 'action "backup" not defined on unit "app/0"'),
    );
    const action = await test.client.call('run-action', {
      model,
      units: ['db/0'],
      action: 'backup',
    });
    assert.equal(action.operations[0]?.id, 3);
    await assert.rejects(
      test.client.call('agent/operation-started', { model, unit: 'app/1', id: 1 }),
      refusedWith(404, 'operation 1 is not open on unit "app/1"'),
    );
    await test.client.call('agent/operation-started', { model, unit: 'app/0', id: 1 });
    await test.client.call('agent/operation-finished', {
      model,
      unit: 'app/0',
      id: 1,
      status: 'completed',
      results: { stdout: 'host\n', code: 0 },
      message: '',
    });
    const shown = await test.client.call('show-operation', { model, id: 1 });
    assert.equal(shown.status, 'completed');
    assert.deepEqual(shown.results, { stdout: 'host\n', code: 0 });
    const pending = await test.client.call('operations', { model, status: 'pending' });
    assert.deepEqual(
      pending.operations.map((operation) => operation.id),
      [2, 3],
    );
  });
});
