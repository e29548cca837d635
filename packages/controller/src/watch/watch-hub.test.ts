/**
 * Watches over WebSocket: a model watcher gets the model then its deltas; a unit watcher gets
 * its snapshot, again only when a commit may change it, with commits of one turn coalesced; a
 * debug-log follower gets the stored tail then new records; bad subscriptions are refused.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';

import { configureApplication } from '@loom/core';
import { ApiCallError, ApiClient } from '@loom/protocol';
import type { WatchMessage, WatchRequest } from '@loom/protocol';

import { CHARM_UPLOADS, startTestController } from '../test-support/test-controller.js';
import type { TestController } from '../test-support/test-controller.js';

const model = 'default';

/** A watch collecting its messages. */
async function watch(client: ApiClient, request: WatchRequest) {
  const messages: WatchMessage[] = [];
  const subscription = client.watch(request, (message) => messages.push(message));
  await subscription.opened;
  const next = async (count: number) => {
    for (let waited = 0; messages.length < count && waited < 200; waited += 1) await sleep(10);
    assert.ok(messages.length >= count, `expected ${count} messages, got ${messages.length}`);
  };
  return { messages, next, subscription };
}

describe('watches', () => {
  let test: TestController;
  before(async () => {
    test = await startTestController();
    await test.client.call('deploy', { model, application: 'db', charm: CHARM_UPLOADS.db });
  });
  after(() => test.close());

  it('gives a model watcher the model, then a delta per commit', async () => {
    const watcher = await watch(test.client, { watch: 'model', model });
    await watcher.next(1);
    const first = watcher.messages[0];
    assert.ok(first?.type === 'model');
    assert.deepEqual(
      first.model.applications.map((application) => application.name),
      ['db'],
    );
    await test.client.call('deploy', { model, application: 'app', charm: CHARM_UPLOADS.web });
    await watcher.next(2);
    const delta = watcher.messages[1];
    assert.ok(delta?.type === 'delta');
    assert.equal(delta.revision, first.revision + 1);
    assert.ok(
      delta.changes.some((change) => change.kind === 'application' && change.name === 'app'),
    );
    watcher.subscription.close();
    await watcher.subscription.closed;
  });

  it('tells a unit the revision to decide at again only when a commit may change its view', async () => {
    const revision = async () => (await test.client.call('export-model', { model })).revision;
    const watcher = await watch(test.client, { watch: 'unit', model, unit: 'db/0' });
    await watcher.next(1);
    const first = watcher.messages[0];
    assert.ok(first?.type === 'unit');
    assert.equal(first.revision, await revision());
    // A workload status does not reach the snapshot: nothing is pushed.
    await test.client.call('agent/set-status', {
      model,
      unit: 'db/0',
      status: { current: 'active', message: '' },
    });
    await sleep(50);
    assert.equal(watcher.messages.length, 1);
    await test.client.call('integrate', { model, endpoints: ['app', 'db'] });
    await watcher.next(2);
    await test.client.call('configure', { model, application: 'db', settings: { tick: 1 } });
    await watcher.next(3);
    const configured = watcher.messages[2];
    assert.ok(configured?.type === 'unit');
    assert.equal(configured.revision, await revision());
    const exec = await test.client.call('exec', { model, units: ['db/0'], command: 'true' });
    await watcher.next(4);
    const withOperation = watcher.messages[3];
    assert.ok(withOperation?.type === 'unit');
    assert.deepEqual(
      withOperation.operations.map((operation) => operation.id),
      [exec.operations[0]?.id],
    );
    await sleep(50);
    assert.equal(watcher.messages.length, 4);
    watcher.subscription.close();
  });

  it('R5.11: coalesces the commits of one turn into one unit message', async () => {
    const messages: WatchMessage[] = [];
    const stop = test.controller.hub.watchUnit(model, 'db/0', (message) => messages.push(message));
    const host = test.controller.registry.get(model);
    const configure = (tick: number) =>
      host.mutate((view) =>
        configureApplication(view.state, { application: 'db', settings: { tick } }),
      );
    await Promise.all([configure(7), configure(8), configure(9)]);
    await sleep(20);
    stop();
    assert.equal(messages.length, 2);
    const last = messages[1];
    assert.ok(last?.type === 'unit');
    // One message for the three commits, at the last one's revision.
    assert.equal(last.revision, host.view.record.revision);
  });

  it('streams the debug log: the stored tail, then new matching records', async () => {
    await test.client.call('agent/log', {
      model,
      records: [
        { unit: 'db/0', hook: 'install', level: 'INFO', message: 'old' },
        { unit: 'app/0', hook: 'install', level: 'INFO', message: 'other' },
      ],
    });
    const watcher = await watch(test.client, { watch: 'debug-log', model, applications: ['db'] });
    await watcher.next(1);
    await test.client.call('agent/log', {
      model,
      records: [
        { unit: 'app/0', hook: '', level: 'INFO', message: 'skipped' },
        { unit: 'db/0', hook: 'start', level: 'WARNING', message: 'new' },
      ],
    });
    await watcher.next(2);
    const messages = watcher.messages.flatMap((message) =>
      message.type === 'log' ? message.records.map((record) => record.message) : [],
    );
    assert.deepEqual(messages, ['old', 'new']);
    const queried = await test.client.call('debug-log', { model, level: 'WARNING' });
    assert.deepEqual(
      queried.records.map((record) => record.message),
      ['new'],
    );
    watcher.subscription.close();
  });

  it('refuses a watch without the token, and a malformed subscription', async () => {
    const stranger = new ApiClient({ address: test.controller.address, token: 'wrong' });
    const refused = stranger.watch({ watch: 'model', model }, () => undefined);
    await assert.rejects(
      refused.opened,
      (error: unknown) => error instanceof ApiCallError && error.status === 401,
    );
    const bad = await watch(test.client, { watch: 'unit', model, unit: 'not a unit' });
    await bad.next(1);
    assert.deepEqual(bad.messages[0], {
      type: 'error',
      code: 'bad-request',
      message: 'invalid "watch" request: field "unit": expected a unit name such as "postgresql/0"',
    });
    await bad.subscription.closed;
  });
});
