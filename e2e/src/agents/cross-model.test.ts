/**
 * Cross-model relations under real agents (spec §9.5, S33 and S34; R8.8): two models of one
 * controller, each running the hook-recorder shell charm — `db` in `prod`, offered as `pgsql`,
 * and `app` (2 units) in `web`, related through the offer URL with the `loom` binary.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { sequenceOf, settled } from './hook-records.js';
import type { RecordedHook } from './hook-records.js';
import { controllerForSuite, RECORDER } from './recorder-suite.js';

const APP_UNITS = ['app/0', 'app/1'];

/** A unit's hooks of the cross-model endpoints only (the recorder's peer hooks left out). */
function crossHooks(hooks: readonly RecordedHook[], unit: string, from = 0): string[] {
  return sequenceOf(hooks, unit)
    .slice(from)
    .filter((hook) => hook.startsWith('sink-') || hook.startsWith('source-'));
}

describe('cross-model relations under real agents', () => {
  const suite = controllerForSuite();
  let prod: RecordedHook[] = [];
  let web: RecordedHook[] = [];
  let proxy = '';

  /** Both models settled, each until `ready` holds for it. */
  async function settleBoth(
    readyProd: (hooks: readonly RecordedHook[]) => boolean,
    readyWeb: (hooks: readonly RecordedHook[]) => boolean,
  ): Promise<void> {
    [prod, web] = await Promise.all([
      settled(suite.client, 'prod', readyProd),
      settled(suite.client, 'web', readyWeb),
    ]);
  }

  const offerRelationId = async () =>
    (await suite.client.call('status', { model: 'prod' })).relations.find((r) => !r.peer)?.id;

  /** Both models settled after every unit on both sides broke the relation. */
  const settleBroken = (before: ReturnType<typeof mark>) =>
    settleBoth(
      (hooks) =>
        crossHooks(hooks, 'db/0', before.prod).includes(`source-relation-broken (app ${proxy})`),
      (hooks) =>
        APP_UNITS.every((unit) =>
          crossHooks(hooks, unit, before.web.get(unit)).includes(
            'sink-relation-broken (app pgsql)',
          ),
        ),
    );

  const mark = () => ({
    prod: sequenceOf(prod, 'db/0').length,
    web: new Map(APP_UNITS.map((unit) => [unit, sequenceOf(web, unit).length])),
  });

  it('S33: offer, consume by integrating with the URL; created, joined, changed on both sides', async () => {
    const { loom } = suite.controller;
    for (const [model, application, units] of [
      ['prod', 'db', 1],
      ['web', 'app', 2],
    ] as const) {
      assert.equal((await loom('add-model', model)).code, 0);
      await suite.client.call('deploy', {
        model,
        application,
        charm: { path: RECORDER },
        numUnits: units,
      });
    }
    const offered = await loom('offer', 'db:source', 'pgsql', '-m', 'prod');
    assert.equal(
      offered.stdout,
      'Application "db" endpoints [source] available at "admin/prod.pgsql"\n',
    );
    assert.equal((await loom('integrate', 'app:sink', 'admin/prod.pgsql', '-m', 'web')).code, 0);
    await settleBoth(
      (hooks) => crossHooks(hooks, 'db/0').length >= 5,
      (hooks) => APP_UNITS.every((unit) => crossHooks(hooks, unit).length >= 3),
    );
    const prodStatus = await suite.client.call('status', { model: 'prod' });
    const relation = prodStatus.relations.find((r) => !r.peer);
    assert.ok(relation);
    proxy = relation.endpoints.find((e) => e.application !== 'db')?.application ?? '';
    assert.match(proxy, /^remote-[0-9a-f]{32}$/);
    assert.equal(relation.key, `${proxy}:sink db:source`);
    for (const unit of APP_UNITS)
      assert.deepEqual(crossHooks(web, unit), [
        'sink-relation-created (app pgsql)',
        'sink-relation-joined (pgsql/0)',
        'sink-relation-changed (pgsql/0)',
      ]);
    const db = crossHooks(prod, 'db/0');
    assert.equal(db[0], `source-relation-created (app ${proxy})`);
    // R5.6: each remote unit's joined is followed by its changed; both remote units come.
    assert.deepEqual(db.slice(1).sort(), [
      `source-relation-changed (${proxy}/0)`,
      `source-relation-changed (${proxy}/1)`,
      `source-relation-joined (${proxy}/0)`,
      `source-relation-joined (${proxy}/1)`,
    ]);
    assert.match(db[1] ?? '', /joined/);
    assert.equal(db[2], db[1]?.replace('joined', 'changed'));
    // R8.6: pgsql/0's addresses are db/0's public address.
    const dbAddress = prodStatus.machines[0]?.address;
    const seen = web.find((hook) => hook.unit === 'app/0' && hook.hook === 'sink-relation-joined');
    assert.equal(seen?.saw?.['ingress-address'], dbAddress);
    assert.equal(seen?.saw?.['private-address'], dbAddress);
    // status shows the SAAS in web and the offer in prod, as Juju's tables.
    const webStatus = await loom('status', '-m', 'web');
    assert.match(
      webStatus.stdout,
      /SAAS +Status +Store +URL\npgsql +active +loom +admin\/prod\.pgsql\n/,
    );
    const shown = await loom('show-application', 'pgsql', '-m', 'web');
    assert.equal(
      shown.stderr,
      'ERROR application "pgsql" is a SAAS consumed from admin/prod.pgsql; see it with "loom show-offer admin/prod.pgsql"\n',
    );
    const offerShown = await loom('show-offer', 'admin/prod.pgsql', '-m', 'web');
    assert.match(
      offerShown.stdout,
      /^Store +URL +Access +Description +Endpoint +Interface +Role\nloom +admin\/prod\.pgsql +admin +source +recorder +provider\n$/,
    );
    const offers = await loom('status', '-m', 'prod');
    assert.match(
      offers.stdout,
      /Offer +Application +Charm +Rev +Connected +Endpoint +Interface +Role\npgsql +db +hook-recorder +0 +1\/1 +source +recorder +provider\n/,
    );
  });

  it("S33: db/0's unit-bag write and db's application-bag write reach app units as -changed", async () => {
    const before = mark();
    await suite.client.call('configure', {
      model: 'prod',
      application: 'db',
      settings: { 'unit-settings': 'host=db.example', 'app-settings': 'database=site' },
    });
    await settleBoth(
      () => true,
      (hooks) =>
        APP_UNITS.every((unit) => crossHooks(hooks, unit, before.web.get(unit)).length >= 2),
    );
    for (const unit of APP_UNITS)
      assert.deepEqual(crossHooks(web, unit, before.web.get(unit)).sort(), [
        'sink-relation-changed (app pgsql)',
        'sink-relation-changed (pgsql/0)',
      ]);
    const shown = await suite.controller.loom(
      'show-unit',
      'app/0',
      '-m',
      'web',
      '--format',
      'json',
    );
    const document = JSON.parse(shown.stdout) as Record<
      string,
      {
        'relation-info': {
          endpoint: string;
          'application-data': Record<string, string>;
          'related-units': Record<string, { data: Record<string, string> }>;
        }[];
      }
    >;
    const sink = document['app/0']?.['relation-info'].find((info) => info.endpoint === 'sink');
    assert.ok(sink);
    assert.equal(sink['application-data'].database, 'site');
    assert.equal(sink['related-units']['pgsql/0']?.data.host, 'db.example');
  });

  it('S34: suspend in prod departs every unit on both sides then breaks; resume runs created, joined, changed again', async () => {
    const { loom } = suite.controller;
    const relationId = await offerRelationId();
    assert.ok(relationId !== undefined);
    let before = mark();
    assert.equal(
      (await loom('suspend-relation', String(relationId), 'maintenance', '-m', 'prod')).code,
      0,
    );
    await settleBroken(before);
    const db = crossHooks(prod, 'db/0', before.prod);
    assert.deepEqual(db.slice(0, 2).sort(), [
      `source-relation-departed (${proxy}/0)`,
      `source-relation-departed (${proxy}/1)`,
    ]);
    assert.deepEqual(db.slice(2), [`source-relation-broken (app ${proxy})`]);
    for (const unit of APP_UNITS)
      assert.deepEqual(crossHooks(web, unit, before.web.get(unit)), [
        'sink-relation-departed (pgsql/0)',
        'sink-relation-broken (app pgsql)',
      ]);
    const suspended = (await suite.client.call('status', { model: 'prod' })).relations.find(
      (r) => r.id === relationId,
    );
    assert.equal(suspended?.status, 'suspended');
    const refused = await loom('suspend-relation', '0', '-m', 'web');
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /which is not associated with an offer/);

    before = mark();
    assert.equal((await loom('resume-relation', String(relationId), '-m', 'prod')).code, 0);
    await settleBoth(
      (hooks) => crossHooks(hooks, 'db/0', before.prod).length >= 5,
      (hooks) =>
        APP_UNITS.every((unit) => crossHooks(hooks, unit, before.web.get(unit)).length >= 3),
    );
    assert.equal(
      crossHooks(prod, 'db/0', before.prod)[0],
      `source-relation-created (app ${proxy})`,
    );
    // The application bag db wrote before the suspension stays, so its -changed comes before
    // any -joined (spec §5.5: an application-level -changed can come first).
    for (const unit of APP_UNITS)
      assert.deepEqual(crossHooks(web, unit, before.web.get(unit)), [
        'sink-relation-created (app pgsql)',
        'sink-relation-changed (app pgsql)',
        'sink-relation-joined (pgsql/0)',
        'sink-relation-changed (pgsql/0)',
      ]);
  });

  it('R8.8: remove-relation in prod: app units see pgsql/0 depart and break; the proxy goes', async () => {
    const { loom } = suite.controller;
    const before = mark();
    const relationId = await offerRelationId();
    assert.equal((await loom('remove-relation', String(relationId), '-m', 'prod')).code, 0);
    await settleBroken(before);
    for (const unit of APP_UNITS)
      assert.deepEqual(crossHooks(web, unit, before.web.get(unit)), [
        'sink-relation-departed (pgsql/0)',
        'sink-relation-broken (app pgsql)',
      ]);
    const prodStatus = await suite.client.call('status', { model: 'prod' });
    assert.equal(prodStatus.relations.filter((r) => !r.peer).length, 0);
    assert.equal(prodStatus.offers[0]?.connections.length, 0);
    assert.deepEqual(
      (await suite.client.call('export-model', { model: 'prod' })).model.remoteApplications,
      [],
    );
  });

  it('R8.8: relating again then remove-saas in web: db/0 sees both remote units depart; a restarted controller keeps the exchange', async () => {
    const { loom } = suite.controller;
    let before = mark();
    assert.equal((await loom('integrate', 'app:sink', 'pgsql', '-m', 'web')).code, 0);
    await settleBoth(
      (hooks) => crossHooks(hooks, 'db/0', before.prod).length >= 5,
      (hooks) =>
        APP_UNITS.every((unit) => crossHooks(hooks, unit, before.web.get(unit)).length >= 3),
    );
    // The controller dies and comes back: the relation still works across the models.
    await suite.controller.kill9();
    assert.equal((await loom('bootstrap')).code, 0);
    suite.client = await suite.controller.client();
    before = mark();
    await suite.client.call('configure', {
      model: 'web',
      application: 'app',
      settings: { 'unit-settings': 'want=db' },
    });
    await settleBoth(
      (hooks) => crossHooks(hooks, 'db/0', before.prod).length >= 2,
      () => true,
    );
    assert.deepEqual(crossHooks(prod, 'db/0', before.prod).sort(), [
      `source-relation-changed (${proxy}/0)`,
      `source-relation-changed (${proxy}/1)`,
    ]);
    before = mark();
    assert.equal((await loom('remove-saas', 'pgsql', '-m', 'web')).code, 0);
    await settleBoth(
      (hooks) =>
        crossHooks(hooks, 'db/0', before.prod).includes(`source-relation-broken (app ${proxy})`),
      () => true,
    );
    const db = crossHooks(prod, 'db/0', before.prod);
    assert.deepEqual(db.slice(0, 2).sort(), [
      `source-relation-departed (${proxy}/0)`,
      `source-relation-departed (${proxy}/1)`,
    ]);
    assert.equal(db[2], `source-relation-broken (app ${proxy})`);
    assert.deepEqual((await suite.client.call('status', { model: 'web' })).saas, []);
  });
});
