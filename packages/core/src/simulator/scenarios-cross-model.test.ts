/**
 * Spec §9.5 (S33, S34) and §8 (R8.1–R8.8): two models linked by the cross-model exchange, each
 * run by its own simulator. Hook sequences are asserted per unit in the spec's notation.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { consumableOffer } from '../cross-model/consumable-offer.js';
import { consume, removeSaas } from '../operations/consume.js';
import { removeOffer } from '../operations/offer.js';
import { removeRelation } from '../operations/remove-relation.js';
import { setRelationSuspended } from '../operations/suspend-relation.js';
import { FIXTURE_CHARM_NAMES } from '../test-support/scenario-charms.js';
import { s33Models } from '../test-support/linked-simulators.js';
import type { LinkedSimulators } from '../test-support/linked-simulators.js';
import { mark, Script, since } from '../test-support/scripted-charm.js';
import type { ModelState } from '../model/model-state.js';
import { integrate } from '../operations/integrate.js';

function integrateRefusal(state: ModelState): string {
  const result = integrate(state, { endpoints: ['app', 'pgsql'] });
  return result.ok ? 'integrated' : result.message;
}

/** S33's set-up: prod has db (1 unit) offered as pgsql; web has app (2 units); both settled. */
function offered(script = new Script()): LinkedSimulators {
  const linked = s33Models();
  for (const simulator of linked.models.values()) script.install(simulator, FIXTURE_CHARM_NAMES);
  return linked;
}

/** Consumes admin/prod.pgsql in web and relates app to it. */
function integrated(linked: LinkedSimulators): number {
  const description = consumableOffer(linked.model('prod').state, 'pgsql', 'admin/prod.pgsql');
  assert.ok(description);
  linked.model('web').run((state) => consume(state, { offer: description }));
  return linked.model('web').integrate('app', 'pgsql').relationId;
}

/** S33 completed and settled: app related to the SAAS pgsql. */
function related(): LinkedSimulators {
  const linked = offered();
  integrated(linked);
  linked.settle();
  return linked;
}

/** S33: what db/0 runs as the relation with the two app units is established. */
function dbEstablishes(proxy: string): string[] {
  return [
    `database-relation-created (app ${proxy})`,
    `database-relation-joined (${proxy}/0)`,
    `database-relation-changed (${proxy}/0)`,
    `database-relation-joined (${proxy}/1)`,
    `database-relation-changed (${proxy}/1)`,
  ];
}

function proxyOf(linked: LinkedSimulators): string {
  const [proxy] = linked.model('prod').state.remoteApplications.keys();
  assert.ok(proxy);
  return proxy;
}

describe('S33 offer, consume, integrate', () => {
  it('gives web a SAAS and its relation, and prod a remote-<32 hex> proxy and its own relation (R8.2, R8.3)', () => {
    const linked = offered();
    const webId = integrated(linked);
    linked.settle();
    const web = linked.model('web').state;
    const prod = linked.model('prod').state;
    assert.equal(web.relations.get(webId)?.key, 'app:database pgsql:database');
    const proxy = proxyOf(linked);
    assert.match(proxy, /^remote-[0-9a-f]{32}$/);
    const prodRelation = [...prod.relations.values()][0];
    assert.equal(prodRelation?.key, `${proxy}:database db:database`);
    assert.equal(prodRelation.crossModel?.relationId, webId);
    assert.equal(web.relations.get(webId)?.crossModel?.relationId, prodRelation.id);
    assert.deepEqual(prod.remoteApplications.get(proxy)?.endpoints, [
      { name: 'database', role: 'requirer', interface: 'pgsql' },
    ]);
  });

  it('runs created, joined, changed on every unit, remote units named per R8.4', () => {
    const linked = offered();
    const before = { prod: mark(linked.model('prod')), web: mark(linked.model('web')) };
    integrated(linked);
    linked.settle();
    const proxy = proxyOf(linked);
    for (const unit of ['app/0', 'app/1'])
      assert.deepEqual(since(linked.model('web'), before.web, unit), [
        'database-relation-created (app pgsql)',
        'database-relation-joined (pgsql/0)',
        'database-relation-changed (pgsql/0)',
      ]);
    assert.deepEqual(since(linked.model('prod'), before.prod, 'db/0'), dbEstablishes(proxy));
  });

  it('carries unit and application bag writes across: db/0 and db leader writes reach app units (R8.5)', () => {
    const script = new Script();
    const linked = offered(script);
    const prodId = (integrated(linked), 0);
    linked.settle();
    const web = linked.model('web');
    let before = mark(web);
    script.on('db/0', 'config-changed', (context) => {
      context.relationSet(new Map([['host', 'db.example']]), { relationId: prodId });
    });
    linked.model('prod').configure('db', { tick: 1 });
    linked.settle();
    for (const unit of ['app/0', 'app/1'])
      assert.deepEqual(since(web, before, unit), ['database-relation-changed (pgsql/0)']);
    before = mark(web);
    script.on('db/0', 'config-changed', (context) => {
      context.relationSet(new Map([['user', 'app']]), { relationId: prodId, app: true });
    });
    linked.model('prod').configure('db', { tick: 2 });
    linked.settle();
    for (const unit of ['app/0', 'app/1'])
      assert.deepEqual(since(web, before, unit), ['database-relation-changed (app pgsql)']);
    const bags = linked.model('web').state.bags.get(0);
    assert.ok(bags);
    assert.equal(bags.units.get('pgsql/0')?.values.get('host'), 'db.example');
    assert.equal(bags.applications.get('pgsql')?.values.get('user'), 'app');
  });
});

describe('S34 suspend and resume', () => {
  function suspended(): {
    linked: LinkedSimulators;
    proxy: string;
    before: Record<string, Map<string, number>>;
  } {
    const linked = related();
    const before = { prod: mark(linked.model('prod')), web: mark(linked.model('web')) };
    linked
      .model('prod')
      .run((state) =>
        setRelationSuspended(state, { relationId: 0, suspended: true, reason: 'maintenance' }),
      );
    linked.settle();
    return { linked, proxy: proxyOf(linked), before };
  }

  it('departs every remote unit then breaks, on both sides; the relation stays, suspended (R8.7, R5.25)', () => {
    const { linked, proxy, before } = suspended();
    assert.deepEqual(since(linked.model('prod'), before.prod!, 'db/0'), [
      `database-relation-departed (${proxy}/0, dep=${proxy}/0)`,
      `database-relation-departed (${proxy}/1, dep=${proxy}/1)`,
      'database-relation-broken (app ' + proxy + ')',
    ]);
    for (const unit of ['app/0', 'app/1'])
      assert.deepEqual(since(linked.model('web'), before.web!, unit), [
        'database-relation-departed (pgsql/0, dep=pgsql/0)',
        'database-relation-broken (app pgsql)',
      ]);
    const prodRelation = linked.model('prod').state.relations.get(0);
    assert.equal(prodRelation?.status, 'suspended');
    assert.equal(prodRelation.suspendedReason, 'maintenance');
    assert.equal(prodRelation.unitCount, 0);
    const webRelation = linked.model('web').state.relations.get(0);
    assert.equal(webRelation?.suspended, true);
    assert.equal(webRelation.status, 'suspended');
  });

  it('runs created, joined, changed again on every unit when resumed (R5.25)', () => {
    const { linked, proxy } = suspended();
    const before = { prod: mark(linked.model('prod')), web: mark(linked.model('web')) };
    linked
      .model('prod')
      .run((state) => setRelationSuspended(state, { relationId: 0, suspended: false }));
    linked.settle();
    assert.deepEqual(since(linked.model('prod'), before.prod, 'db/0'), dbEstablishes(proxy));
    for (const unit of ['app/0', 'app/1'])
      assert.deepEqual(since(linked.model('web'), before.web, unit), [
        'database-relation-created (app pgsql)',
        'database-relation-joined (pgsql/0)',
        'database-relation-changed (pgsql/0)',
      ]);
    assert.equal(linked.model('web').state.relations.get(0)?.status, 'joined');
  });

  it('refuses to suspend a relation not connected through an offer (R8.7)', () => {
    const linked = related();
    const result = setRelationSuspended(linked.model('web').state, {
      relationId: 0,
      suspended: true,
    });
    assert.deepEqual(result, {
      ok: false,
      code: 'not-supported',
      message:
        'cannot set suspend status for "app:database pgsql:database" which is not associated with an offer',
    });
  });
});

describe('R8.8 removal from either side', () => {
  it('remove-relation in web: prod units see the remote units depart, and the proxy goes with the relation', () => {
    const linked = related();
    const proxy = proxyOf(linked);
    const before = mark(linked.model('prod'));
    linked.model('web').run((state) => removeRelation(state, { relationId: 0 }));
    linked.settle();
    assert.deepEqual(since(linked.model('prod'), before, 'db/0'), [
      `database-relation-departed (${proxy}/0, dep=${proxy}/0)`,
      `database-relation-departed (${proxy}/1, dep=${proxy}/1)`,
      `database-relation-broken (app ${proxy})`,
    ]);
    assert.equal(linked.model('prod').state.relations.size, 0);
    assert.equal(linked.model('prod').state.remoteApplications.size, 0);
    assert.equal(linked.model('web').state.relations.size, 0);
    assert.equal(linked.model('web').state.remoteApplications.has('pgsql'), true);
  });

  it('remove-relation in prod: web units see pgsql/0 depart and break', () => {
    const linked = related();
    const before = mark(linked.model('web'));
    linked.model('prod').run((state) => removeRelation(state, { relationId: 0 }));
    linked.settle();
    for (const unit of ['app/0', 'app/1'])
      assert.deepEqual(since(linked.model('web'), before, unit), [
        'database-relation-departed (pgsql/0, dep=pgsql/0)',
        'database-relation-broken (app pgsql)',
      ]);
    assert.equal(linked.model('web').state.relations.size, 0);
    assert.equal(linked.model('prod').state.relations.size, 0);
    assert.equal(linked.model('prod').state.remoteApplications.size, 0);
  });

  it('remove-saas takes the SAAS and its relation; the offering side follows', () => {
    const linked = related();
    linked.model('web').run((state) => removeSaas(state, { name: 'pgsql' }));
    linked.settle();
    assert.equal(linked.model('web').state.remoteApplications.size, 0);
    assert.equal(linked.model('web').state.relations.size, 0);
    assert.equal(linked.model('prod').state.relations.size, 0);
    assert.equal(linked.model('prod').state.remoteApplications.size, 0);
  });

  it('remove-offer refuses while related, and --force removes the relations; the SAAS is terminated (R8.1, R8.2)', () => {
    const linked = related();
    assert.deepEqual(removeOffer(linked.model('prod').state, { name: 'pgsql' }), {
      ok: false,
      code: 'not-valid',
      message:
        'cannot remove offer "pgsql": offer has 1 relation(s); remove them first, or use --force',
    });
    linked.model('prod').run((state) => removeOffer(state, { name: 'pgsql', force: true }));
    linked.settle();
    assert.equal(linked.model('prod').state.offers.size, 0);
    assert.equal(linked.model('prod').state.relations.size, 0);
    assert.equal(linked.model('web').state.relations.size, 0);
    assert.equal(linked.model('web').state.remoteApplications.get('pgsql')?.status, 'terminated');
    const again = linked.model('web').state;
    const result = integrateRefusal(again);
    assert.equal(
      result,
      'cannot add relation "app:database pgsql:database": remote offer pgsql is terminated',
    );
  });
});
