/**
 * The controller's cross-model exchange (R8.3, R8.5, R8.8): driven by commits through the API,
 * and level-triggered, so a controller started over models it left half-way finishes the work.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  consumableOffer,
  consume,
  deploy,
  emptyModel,
  integrate,
  offer,
  removeRelation,
} from '@loom/core';
import type { ModelChange, ModelState, OperationResult } from '@loom/core';
import { CHARMS } from '@loom/core/test-support';
import { ApiCallError } from '@loom/protocol';
import type { OfferDocument } from '@loom/protocol';
import { MemoryStore } from '@loom/store';

import { FakeClock } from '../clock/fake-clock.js';
import { Controller } from '../controller.js';
import {
  CHARM_UPLOADS,
  charmUpload,
  startTestController,
} from '../test-support/test-controller.js';
import type { TestController } from '../test-support/test-controller.js';

const created = '2026-11-22T10:00:00.000Z';

/** Applies operations to a model, keeping every change set. */
function history(name: string, ...steps: ((state: ModelState) => OperationResult<unknown>)[]) {
  let state = emptyModel(name);
  const changeSets: (readonly ModelChange[])[] = [];
  for (const step of steps) {
    const result = step(state);
    assert.ok(result.ok, result.ok ? '' : result.message);
    changeSets.push(result.changes);
    state = result.state;
  }
  return { state, changeSets };
}

/** A store holding `models`' histories, as a controller that stopped would have left them. */
async function storeWith(...models: ReturnType<typeof history>[]): Promise<MemoryStore> {
  const store = new MemoryStore();
  for (const model of models) {
    await store.createModel({
      name: model.state.name,
      uuid: `uuid-${model.state.name}`,
      createdAt: created,
    });
    let revision = 0;
    for (const changes of model.changeSets)
      revision = await store.commit(model.state.name, revision, { changes });
  }
  return store;
}

async function startOver(store: MemoryStore): Promise<Controller> {
  const reported: unknown[] = [];
  const controller = await Controller.start({
    store,
    token: 't',
    clock: new FakeClock(Date.parse(created)),
    report: (error) => reported.push(error),
  });
  await controller.exchange.idle();
  assert.deepEqual(reported, []);
  return controller;
}

const prodHistory = () =>
  history(
    'prod',
    (state) => deploy(state, { application: 'db', charm: CHARMS.dbcharm }),
    (state) => offer(state, { application: 'db', endpoints: ['database'], name: 'pgsql' }),
  );

/** web: app consuming prod's pgsql and related to it, never registered (the exchange never ran). */
function webHistory(prod: ModelState) {
  const description = consumableOffer(prod, 'pgsql', 'admin/prod.pgsql');
  assert.ok(description);
  return history(
    'web',
    (state) => deploy(state, { application: 'app', charm: CHARMS.webcharm }),
    (state) => consume(state, { offer: description }),
    (state) => integrate(state, { endpoints: ['app', 'pgsql'] }),
  );
}

/**
 * Runs `body` on a test controller whose model `prod` has `db` (one of `charm`) offered under
 * `name` (default `db`); then checks that the controller reported no failure.
 */
async function withOfferedDb(
  options: { readonly charm?: ReturnType<typeof charmUpload>; readonly name?: string },
  body: (test: TestController, made: OfferDocument) => Promise<void>,
): Promise<void> {
  const test = await startTestController();
  try {
    await test.client.call('add-model', { name: 'prod' });
    const charm = options.charm ?? CHARM_UPLOADS.db;
    await test.client.call('deploy', { model: 'prod', application: 'db', charm });
    const made = await test.client.call('offer', {
      model: 'prod',
      application: 'db',
      endpoints: ['database'],
      ...(options.name === undefined ? {} : { name: options.name }),
    });
    await body(test, made);
    assert.deepEqual(test.reported, []);
  } finally {
    await test.close();
  }
}

describe('the cross-model exchange of a controller', () => {
  it('registers a relation made with an offer URL: a proxy and a linked relation in the offering model', async () => {
    await withOfferedDb({ name: 'pgsql' }, async (test, made) => {
      const { client } = test;
      await client.call('add-model', { name: 'web' });
      await client.call('deploy', { model: 'web', application: 'app', charm: CHARM_UPLOADS.web });
      assert.equal(made.url, 'admin/prod.pgsql');
      assert.deepEqual(
        await client.call('integrate', { model: 'web', endpoints: ['app', 'admin/prod.pgsql'] }),
        { relationId: 0, key: 'app:database pgsql:database' },
      );
      await test.controller.exchange.idle();
      const prod = test.controller.registry.get('prod').view.state;
      const [proxy] = prod.remoteApplications.keys();
      assert.match(proxy ?? '', /^remote-[0-9a-f]{32}$/);
      assert.equal(prod.relations.get(0)?.crossModel?.relationId, 0);
      assert.equal(
        test.controller.registry.get('web').view.state.relations.get(0)?.crossModel?.relationId,
        0,
      );
      const { offers } = await client.call('offers', { model: 'prod' });
      assert.deepEqual(
        offers.map((o) =>
          o.connections.map((c) => [c.relationId, c.sourceModel, c.sourceApplication]),
        ),
        [[[0, 'web', 'app']]],
      );
      const status = await client.call('status', { model: 'web' });
      assert.deepEqual(
        status.saas.map((s) => [s.name, s.status, s.url, s.relations]),
        [['pgsql', 'active', 'admin/prod.pgsql', { database: ['app'] }]],
      );
      // A second integrate with the same URL reuses the SAAS and meets the existing relation.
      await assert.rejects(
        client.call('integrate', { model: 'web', endpoints: ['app', 'prod.pgsql'] }),
        (error: unknown) => error instanceof ApiCallError && error.code === 'already-exists',
      );
    });
  });

  it('destroying the offering model terminates the SAAS and removes the consuming relation', async () => {
    await withOfferedDb({}, async (test) => {
      const { client } = test;
      await client.call('deploy', {
        model: 'default',
        application: 'app',
        charm: CHARM_UPLOADS.web,
      });
      await client.call('integrate', { model: 'default', endpoints: ['app', 'admin/prod.db'] });
      await test.controller.exchange.idle();
      await client.call('destroy-model', { name: 'prod' });
      await test.controller.exchange.idle();
      const status = await client.call('status', { model: 'default' });
      assert.deepEqual(
        status.saas.map((saas) => [saas.name, saas.status]),
        [['db', 'terminated']],
      );
      assert.deepEqual(status.relations, []);
      await assert.rejects(
        client.call('integrate', { model: 'default', endpoints: ['app', 'db'] }),
        /remote offer db is terminated/,
      );
    });
  });

  it("removes a consuming relation the offering model refuses, and says why in the consumer's debug log", async () => {
    const limited = charmUpload({
      'metadata.yaml':
        'name: single\nsummary: s\ndescription: d\nprovides:\n  database:\n    interface: pgsql\n    limit: 1\n',
    });
    await withOfferedDb({ charm: limited }, async (test) => {
      const { client } = test;
      for (const application of ['first', 'second']) {
        await client.call('deploy', { model: 'default', application, charm: CHARM_UPLOADS.web });
        await client.call('integrate', {
          model: 'default',
          endpoints: [application, 'admin/prod.db'],
        });
        await test.controller.exchange.idle();
      }
      const status = await client.call('status', { model: 'default' });
      assert.deepEqual(
        status.relations.map((relation) => relation.key),
        ['first:database db:database'],
      );
      const { records } = await client.call('debug-log', { model: 'default', replay: true });
      assert.deepEqual(
        records.map((record) => [record.unit, record.level, record.message]),
        [
          [
            'controller-0',
            'ERROR',
            'relation "second:database db:database" removed: offer "db" of model "prod" refused it: cannot add relation "remote-' +
              (records[0]?.message.split('remote-')[1]?.slice(0, 32) ?? '') +
              ':database db:database": establishing a new relation for db:database would exceed its maximum relation limit of 1',
          ],
        ],
      );
    });
  });

  it('refuses unknown offers, other controllers and consuming in the offering model, naming the fix', async () => {
    await withOfferedDb({}, async (test) => {
      const { client } = test;
      const refusal = (call: Promise<unknown>) =>
        call.then(
          () => 'accepted',
          (error: unknown) => (error instanceof Error ? error.message : String(error)),
        );
      assert.equal(
        await refusal(client.call('consume', { model: 'default', url: 'prod.nope' })),
        'application offer "admin/prod.nope" not found; run "loom offers -m prod" to list its offers',
      );
      assert.equal(
        await refusal(client.call('consume', { model: 'default', url: 'other:prod.db' })),
        'offer URL "other:prod.db" names controller "other"; this controller is "loom" and relations across controllers are not supported yet',
      );
      assert.equal(
        await refusal(client.call('consume', { model: 'prod', url: 'prod.db' })),
        'cannot consume offer "admin/prod.db" in its own model; integrate with application "db" directly',
      );
      assert.equal(
        await refusal(client.call('consume', { model: 'default', url: 'prod' })),
        'offer URL "prod" is not valid: expected [<controller>:][<user>/]<model>.<offer-name>',
      );
    });
  });

  it('finishes a registration left undone when the controller stopped', async () => {
    const prod = prodHistory();
    const controller = await startOver(await storeWith(prod, webHistory(prod.state)));
    try {
      const offering = controller.registry.get('prod').view.state;
      assert.equal(offering.relations.size, 1);
      assert.equal(offering.remoteApplications.size, 1);
      const otherId = controller.registry.get('web').view.state.relations.get(0)
        ?.crossModel?.relationId;
      assert.equal(otherId, [...offering.relations.keys()][0]);
    } finally {
      await controller.close();
    }
  });

  it('removes the offering half, and its proxy, when the consuming half went while it was stopped', async () => {
    const prod = prodHistory();
    const store = await storeWith(prod, webHistory(prod.state));
    const first = await startOver(store);
    assert.equal(first.registry.get('prod').view.state.relations.size, 1);
    await first.close();
    // While stopped, the consuming relation goes (a store written by another tool).
    const web = await store.loadModel('web');
    const removed = removeRelation(web.state, { relationId: 0 });
    assert.ok(removed.ok);
    await store.commit('web', web.record.revision, { changes: removed.changes });
    const second = await startOver(store);
    try {
      const offering = second.registry.get('prod').view.state;
      assert.equal(offering.relations.size, 0);
      assert.equal(offering.remoteApplications.size, 0);
    } finally {
      await second.close();
    }
  });
});
