/**
 * A model host commits before it applies or announces anything, re-plans when another writer
 * got in first (optimistic concurrency on the model revision), and a failing listener cannot
 * undo a durable commit.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { deploy, unitsOf } from '@loom/core';
import { CHARMS } from '@loom/core/test-support';
import { MemoryStore } from '@loom/store';
import type { CommitBatch } from '@loom/store';

import { OperationRefusedError } from '../controller-error.js';
import { ModelHost } from './model-host.js';

function failOnReport(error: unknown): void {
  assert.fail(`unexpected report: ${String(error)}`);
}

async function storeWithModel() {
  const store = new MemoryStore();
  await store.createModel({ name: 'default', uuid: 'u', createdAt: 'now' });
  return store;
}

describe('model hosts', () => {
  it('re-plans after another writer committed first, losing nothing', async () => {
    const store = await storeWithModel();
    const first = new ModelHost(store, await store.loadModel('default'), failOnReport);
    const second = new ModelHost(store, await store.loadModel('default'), failOnReport);
    await first.mutate((view) => deploy(view.state, { application: 'db', charm: CHARMS.dbcharm }));
    let plans = 0;
    await second.mutate((view) => {
      plans += 1;
      return deploy(view.state, { application: 'app', charm: CHARMS.webcharm });
    });
    assert.equal(plans, 2);
    const stored = await store.loadModel('default');
    assert.deepEqual([...stored.state.applications.keys()].sort(), ['app', 'db']);
    assert.deepEqual(unitsOf(stored.state, 'app'), ['app/0']);
    assert.equal(second.view.record.revision, 2);
  });

  it("applies and announces nothing when the store fails, and refuses with core's message", async () => {
    const store = await storeWithModel();
    const failing = Object.assign(Object.create(store) as MemoryStore, {
      commit: (_model: string, _revision: number, _batch: CommitBatch) =>
        Promise.reject(new Error('disk full')),
    });
    const host = new ModelHost(failing, await store.loadModel('default'), failOnReport);
    const heard: number[] = [];
    host.onCommit((committed) => heard.push(committed.revision));
    await assert.rejects(
      host.mutate((view) => deploy(view.state, { application: 'db', charm: CHARMS.dbcharm })),
      /disk full/,
    );
    assert.equal(host.view.state.applications.size, 0);
    assert.deepEqual(heard, []);
    await assert.rejects(
      host.mutate((view) => deploy(view.state, { application: 'Bad', charm: CHARMS.dbcharm })),
      (error: unknown) =>
        error instanceof OperationRefusedError &&
        error.message === 'invalid application name "Bad"',
    );
  });

  it('keeps a durable commit when a listener throws, and reports the listener', async () => {
    const store = await storeWithModel();
    const reported: unknown[] = [];
    const host = new ModelHost(store, await store.loadModel('default'), (error) =>
      reported.push(error),
    );
    host.onCommit(() => {
      throw new Error('listener broke');
    });
    await host.mutate((view) => deploy(view.state, { application: 'db', charm: CHARMS.dbcharm }));
    assert.equal(host.view.record.revision, 1);
    assert.equal(reported.length, 1);
  });
});
