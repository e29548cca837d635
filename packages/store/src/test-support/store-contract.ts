/**
 * The one contract every Store implementation passes (STYLE.md rule 6). Each implementation's
 * test file calls `describeStoreContract` with a way to open a fresh store.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';

import { consumableOffer, consume, emptyModel, initialUniterState } from '@loom/core';
import type { ModelChange } from '@loom/core';
import { busyModel, checkInvariants, entitiesOf, s33Models } from '@loom/core/test-support';
import type { LinkedSimulators } from '@loom/core/test-support';
import type { OperationDocument } from '@loom/protocol';

import type { Store } from '../store.js';
import {
  CharmExistsError,
  ModelExistsError,
  ModelNotFoundError,
  RevisionConflictError,
} from '../store-error.js';

/** A fresh store, a second writer on the same data, and a way to dispose of both. */
export interface StoreHarness {
  readonly store: Store;
  /** Another handle on the same data (another connection, or the same object in memory). */
  readonly secondWriter: () => Store;
  /** Releases everything the harness opened. */
  readonly dispose: () => Promise<void>;
}

const created = '2026-11-22T10:00:00.000Z';

/**
 * Two models with a history touching every cross-model entity: an offer consumed and related
 * (proxy, remote members), that relation removed (proxy gone), then related again.
 */
function crossModelHistory(): LinkedSimulators {
  const linked = s33Models();
  const prod = linked.model('prod');
  const web = linked.model('web');
  const description = consumableOffer(prod.state, 'pgsql', 'admin/prod.pgsql');
  assert.ok(description);
  web.run((state) => consume(state, { offer: description }));
  web.integrate('app', 'pgsql');
  linked.settle();
  web.removeRelation({ relationId: 0 });
  linked.settle();
  web.integrate('app', 'pgsql');
  linked.settle();
  return linked;
}

async function withModel(harness: StoreHarness, name = 'default') {
  await harness.store.createModel({ name, uuid: `uuid-${name}`, createdAt: created });
  return harness.store;
}

function operation(
  id: number,
  unit: string,
  status: OperationDocument['status'],
): OperationDocument {
  return {
    id,
    unit,
    kind: 'exec',
    name: 'exec',
    params: { command: 'hostname' },
    status,
    message: '',
    results: {},
    enqueuedAt: created,
    startedAt: null,
    completedAt: null,
  };
}

const machine = (id: string): ModelChange => ({
  kind: 'machine',
  id,
  machine: { id, life: 'alive' },
});

/** Registers the contract suite for one implementation. */
export function describeStoreContract(name: string, open: () => Promise<StoreHarness>): void {
  describe(`${name}: the store contract`, () => {
    const harnesses: StoreHarness[] = [];
    const fresh = async () => {
      const harness = await open();
      harnesses.push(harness);
      return harness;
    };
    after(async () => {
      for (const harness of harnesses) await harness.dispose();
    });

    it('creates, lists and destroys models; a destroyed model leaves the others alone', async () => {
      const harness = await fresh();
      const store = await withModel(harness, 'one');
      await withModel(harness, 'two');
      await assert.rejects(
        store.createModel({ name: 'one', uuid: 'other', createdAt: created }),
        ModelExistsError,
      );
      assert.deepEqual(
        (await store.listModels()).map((model) => [model.name, model.revision]),
        [
          ['one', 0],
          ['two', 0],
        ],
      );
      await store.commit('two', 0, { changes: [machine('0')] });
      await store.destroyModel('one');
      await assert.rejects(store.loadModel('one'), ModelNotFoundError);
      await assert.rejects(store.destroyModel('one'), ModelNotFoundError);
      assert.equal((await store.loadModel('two')).state.machines.size, 1);
    });

    it('loads a new model empty at revision 0', async () => {
      const store = await withModel(await fresh());
      const model = await store.loadModel('default');
      assert.deepEqual(model.record, {
        name: 'default',
        uuid: 'uuid-default',
        revision: 0,
        createdAt: created,
      });
      assert.deepEqual(entitiesOf(model.state), entitiesOf(emptyModel('default')));
      assert.equal(model.nextOperationId, 1);
    });

    it('stores every change set of a busy model and loads exactly the same model', async () => {
      const store = await withModel(await fresh(), 'busy');
      const sim = busyModel();
      let revision = 0;
      for (const changes of sim.changeSets)
        revision = await store.commit('busy', revision, { changes });
      const model = await store.loadModel('busy');
      assert.equal(model.record.revision, sim.changeSets.length);
      assert.deepEqual(entitiesOf(model.state), entitiesOf(sim.state));
      checkInvariants(model.state);
    });

    it('stores the change sets of two linked models — offers, SAAS, proxies, remote members, removals — and loads each exactly', async () => {
      const store = await fresh().then((harness) => harness.store);
      const linked = crossModelHistory();
      for (const [name, simulator] of linked.models) {
        await store.createModel({ name, uuid: `uuid-${name}`, createdAt: created });
        let revision = 0;
        for (const changes of simulator.changeSets)
          revision = await store.commit(name, revision, { changes });
        const model = await store.loadModel(name);
        assert.deepEqual(entitiesOf(model.state), entitiesOf(simulator.state));
        checkInvariants(model.state);
      }
      const web = await store.loadModel('web');
      assert.equal(web.state.remoteApplications.get('pgsql')?.kind, 'saas');
      assert.equal(web.state.relations.get(1)?.crossModel?.remoteApplication, 'pgsql');
      assert.equal(web.state.memberships.get(1)?.has('pgsql/0'), true);
    });

    it('refuses a commit at a stale revision and writes nothing of it', async () => {
      const store = await withModel(await fresh());
      await store.commit('default', 0, { changes: [machine('0')] });
      await assert.rejects(
        store.commit('default', 0, { changes: [machine('1')] }),
        (error: unknown) =>
          error instanceof RevisionConflictError && error.expected === 0 && error.actual === 1,
      );
      const model = await store.loadModel('default');
      assert.deepEqual([...model.state.machines.keys()], ['0']);
      assert.equal(model.record.revision, 1);
    });

    it('two writers at the same revision: one wins, the other is told, retries, and nothing is lost', async () => {
      const harness = await fresh();
      const first = await withModel(harness);
      const second = harness.secondWriter();
      const [a, b] = await Promise.allSettled([
        first.commit('default', 0, { changes: [machine('0')] }),
        second.commit('default', 0, { changes: [machine('1')] }),
      ]);
      const outcomes = [a, b].map((result) => result.status).sort();
      assert.deepEqual(outcomes, ['fulfilled', 'rejected']);
      const loser = a.status === 'rejected' ? a : b;
      assert.ok(loser.status === 'rejected' && loser.reason instanceof RevisionConflictError);
      const loserMachine = a.status === 'rejected' ? '0' : '1';
      const reloaded = await second.loadModel('default');
      await second.commit('default', reloaded.record.revision, {
        changes: [machine(loserMachine)],
      });
      const model = await first.loadModel('default');
      assert.deepEqual([...model.state.machines.keys()].sort(), ['0', '1']);
      assert.equal(model.record.revision, 2);
    });

    it('writes a whole batch or nothing: a duplicate charm URL refuses all of it', async () => {
      const store = await withModel(await fresh());
      const charm = {
        url: 'local:db-0',
        files: [{ path: 'metadata.yaml', mode: 0o644, content: 'bmFtZTogZGI=' }],
      };
      await store.commit('default', 0, { changes: [], charms: [charm] });
      await assert.rejects(
        store.commit('default', 1, {
          changes: [machine('0')],
          charms: [charm],
          uniterStates: [['db/0', initialUniterState('db/0')]],
        }),
        CharmExistsError,
      );
      const model = await store.loadModel('default');
      assert.equal(model.record.revision, 1);
      assert.equal(model.state.machines.size, 0);
      assert.deepEqual(model.charmUrls, ['local:db-0']);
      assert.deepEqual(await store.readCharm('default', 'local:db-0'), charm);
      assert.equal(await store.readCharm('default', 'local:db-9'), undefined);
    });

    it('keeps uniter states and leases, and forgets them when told', async () => {
      const store = await withModel(await fresh(), 'busy');
      const sim = busyModel();
      let revision = 0;
      for (const changes of sim.changeSets)
        revision = await store.commit('busy', revision, { changes });
      const units = [...sim.state.units.keys()];
      const uniterStates = units.map((unit) => [unit, sim.uniterState(unit)] as const);
      revision = await store.commit('busy', revision, {
        changes: [],
        uniterStates,
        leases: [['db', { application: 'db', holder: 'db/0', expiresAt: 1_000 }]],
      });
      let model = await store.loadModel('busy');
      for (const [unit, state] of uniterStates)
        assert.deepEqual(model.uniterStates.get(unit)?.relations.toJS(), state?.relations.toJS());
      assert.deepEqual(model.uniterStates.get('db/0')?.installed, true);
      assert.deepEqual(model.leases.get('db'), {
        application: 'db',
        holder: 'db/0',
        expiresAt: 1_000,
      });
      await store.commit('busy', revision, {
        changes: [],
        uniterStates: [['db/0', undefined]],
        leases: [['db', undefined]],
      });
      model = await store.loadModel('busy');
      assert.equal(model.uniterStates.has('db/0'), false);
      assert.equal(model.leases.size, 0);
    });

    it('keeps operations: open ones load with the model, all are queryable', async () => {
      const store = await withModel(await fresh());
      await store.commit('default', 0, {
        changes: [],
        operations: [
          operation(1, 'db/0', 'completed'),
          operation(2, 'db/1', 'pending'),
          operation(3, 'db/0', 'running'),
        ],
      });
      const model = await store.loadModel('default');
      assert.deepEqual(
        model.openOperations.map((open) => open.id),
        [2, 3],
      );
      assert.equal(model.nextOperationId, 4);
      assert.deepEqual(
        (await store.queryOperations({ model: 'default', unit: 'db/0' })).map((found) => found.id),
        [1, 3],
      );
      assert.deepEqual(
        (await store.queryOperations({ model: 'default', status: 'pending' })).map(
          (found) => found.id,
        ),
        [2],
      );
      assert.deepEqual(await store.queryOperations({ model: 'default', id: 1 }), [
        operation(1, 'db/0', 'completed'),
      ]);
      await store.commit('default', 1, {
        changes: [],
        operations: [{ ...operation(2, 'db/1', 'completed'), results: { code: 0 } }],
      });
      const [updated] = await store.queryOperations({ model: 'default', id: 2 });
      assert.deepEqual(updated?.results, { code: 0 });
    });

    it('appends debug-log records with growing ids and filters them as debug-log does', async () => {
      const store = await withModel(await fresh());
      const stored = await store.appendLog('default', [
        { time: created, unit: 'db/0', hook: 'install', level: 'DEBUG', message: 'one' },
        { time: created, unit: 'db/1', hook: 'install', level: 'INFO', message: 'two' },
        { time: created, unit: 'app/0', hook: '', level: 'ERROR', message: 'three' },
        { time: created, unit: 'db/0', hook: 'start', level: 'WARNING', message: 'four' },
      ]);
      const ids = stored.map((record) => record.id);
      assert.deepEqual(
        [...ids].sort((x, y) => x - y),
        ids,
      );
      assert.equal(new Set(ids).size, 4);
      const messages = async (query: Omit<Parameters<Store['queryLog']>[0], 'model'>) =>
        (await store.queryLog({ model: 'default', ...query })).map((record) => record.message);
      assert.deepEqual(await messages({}), ['one', 'two', 'three', 'four']);
      assert.deepEqual(await messages({ units: ['db/0'] }), ['one', 'four']);
      assert.deepEqual(await messages({ applications: ['db'] }), ['one', 'two', 'four']);
      assert.deepEqual(await messages({ units: ['app/0'], applications: ['db'] }), [
        'one',
        'two',
        'three',
        'four',
      ]);
      assert.deepEqual(await messages({ excludeUnits: ['db/0'] }), ['two', 'three']);
      assert.deepEqual(await messages({ excludeApplications: ['db'] }), ['three']);
      assert.deepEqual(await messages({ applications: ['db'], excludeUnits: ['db/1'], limit: 1 }), [
        'four',
      ]);
      assert.deepEqual(await messages({ level: 'WARNING' }), ['three', 'four']);
      assert.deepEqual(await messages({ afterId: ids[1] ?? 0 }), ['three', 'four']);
      assert.deepEqual(await messages({ limit: 2 }), ['three', 'four']);
      assert.deepEqual(await store.queryLog({ model: 'default', limit: 1 }), [stored[3]]);
      await assert.rejects(store.appendLog('nope', []), ModelNotFoundError);
    });
  });
}

/** The contract of a store bounded to `max` debug-log records per model. */
export function describeLogBound(name: string, open: (max: number) => Promise<StoreHarness>): void {
  it(`${name}: keeps only the newest records beyond its debug-log bound`, async () => {
    const harness = await open(5);
    try {
      const store = await withModel(harness);
      for (let batch = 0; batch < 4; batch += 1) {
        await store.appendLog(
          'default',
          [0, 1].map((at) => ({
            time: created,
            unit: 'db/0',
            hook: '',
            level: 'INFO' as const,
            message: String(batch * 2 + at),
          })),
        );
      }
      const kept = await store.queryLog({ model: 'default' });
      assert.deepEqual(
        kept.map((record) => record.message),
        ['3', '4', '5', '6', '7'],
      );
    } finally {
      await harness.dispose();
    }
  });
}
