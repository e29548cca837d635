/**
 * The refusals of §8 (R8.1 offer, R8.2 consume and integrate, R2.13 steps 4–5) and the
 * permissions that hold across the model boundary (R8.5 with §4.4).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { consumableOffer } from '../cross-model/consumable-offer.js';
import { relationCrossing } from '../cross-model/crossing.js';
import { parseOfferUrl } from '../cross-model/offer-url.js';
import { canWriteBag } from '../databags/bag-permissions.js';
import { egressSubnets, goalStateAnswer } from '../hook-context/tool-answers.js';
import { emptyModel } from '../model/model-state.js';
import type { ModelState } from '../model/model-state.js';
import { CHARMS, chain, FIXTURE_CHARM_NAMES } from '../test-support/scenario-charms.js';
import { LinkedSimulators } from '../test-support/linked-simulators.js';
import { Script } from '../test-support/scripted-charm.js';
import { addUnit } from './add-unit.js';
import { configureApplication } from './configure.js';
import { consume } from './consume.js';
import { deploy } from './deploy.js';
import { integrate } from './integrate.js';
import { offer } from './offer.js';
import { removeApplication } from './remove-application.js';

function refusal(result: { ok: boolean; message?: string }): string {
  return result.ok ? 'applied' : (result.message ?? '');
}

function prod(): ModelState {
  return chain(
    emptyModel('prod'),
    (state) => deploy(state, { application: 'db', charm: CHARMS.dbcharm }),
    (state) => deploy(state, { application: 'cluster', charm: CHARMS.clustercharm }),
    (state) => deploy(state, { application: 'logs', charm: CHARMS.logsrc }),
    (state) => offer(state, { application: 'db', endpoints: ['database'], name: 'pgsql' }),
    (state) => offer(state, { application: 'logs', endpoints: ['logging'] }),
  );
}

function web(): ModelState {
  const offering = prod();
  const pgsql = consumableOffer(offering, 'pgsql', 'admin/prod.pgsql');
  const logs = consumableOffer(offering, 'logs', 'admin/prod.logs');
  assert.ok(pgsql && logs);
  return chain(
    emptyModel('web'),
    (state) => deploy(state, { application: 'app', charm: CHARMS.webcharm }),
    (state) => deploy(state, { application: 'logger', charm: CHARMS.logger }),
    (state) => consume(state, { offer: pgsql }),
    (state) => consume(state, { offer: logs }),
  );
}

/** Linked prod (db offered as `db`) and web (app, with the SAAS `db`), not yet related. */
function consumed(): LinkedSimulators {
  const linked = new LinkedSimulators('prod', 'web');
  linked.model('prod').deploy({ application: 'db', charm: CHARMS.dbcharm });
  linked.model('prod').run((state) => offer(state, { application: 'db', endpoints: ['database'] }));
  linked.model('web').deploy({ application: 'app', charm: CHARMS.webcharm });
  const description = consumableOffer(linked.model('prod').state, 'db', 'admin/prod.db');
  assert.ok(description);
  linked.model('web').run((state) => consume(state, { offer: description }));
  return linked;
}

describe('R8.1 offer', () => {
  it('refuses an offer without endpoints, an unknown application or endpoint, and a peer endpoint', () => {
    const state = prod();
    assert.equal(
      refusal(offer(state, { application: 'db', endpoints: [] })),
      'an offer must at least specify application endpoint',
    );
    assert.equal(
      refusal(offer(state, { application: 'nope', endpoints: ['database'] })),
      'application "nope" not found',
    );
    assert.equal(
      refusal(offer(state, { application: 'db', endpoints: ['website'] })),
      'application "db" has no "website" relation endpoint',
    );
    assert.equal(
      refusal(offer(state, { application: 'cluster', endpoints: ['replicas'] })),
      'cannot offer peer relation endpoint "replicas"',
    );
    const withLogger = chain(state, (s) =>
      deploy(s, { application: 'logger', charm: CHARMS.logger }),
    );
    assert.equal(
      refusal(offer(withLogger, { application: 'logger', endpoints: ['logging'] })),
      'cannot offer container-scoped endpoint "logging"',
    );
  });

  it('refuses an offer name another application holds, and defaults the name to the application', () => {
    const state = prod();
    assert.equal(
      refusal(offer(state, { application: 'logs', endpoints: ['logging'], name: 'pgsql' })),
      'offer "pgsql" already exists for application "db"',
    );
    assert.equal(state.offers.get('logs')?.application, 'logs');
  });

  it('refuses to take an endpoint out of an offer in use: it has active consumers', () => {
    const linked = new LinkedSimulators('prod', 'web');
    linked.model('prod').deploy({ application: 'db', charm: CHARMS.dbcharm2 });
    linked
      .model('prod')
      .run((state) =>
        offer(state, { application: 'db', endpoints: ['database', 'replica-source'] }),
      );
    linked.model('web').deploy({ application: 'app', charm: CHARMS.webcharm });
    const description = consumableOffer(linked.model('prod').state, 'db', 'admin/prod.db');
    assert.ok(description);
    linked.model('web').run((state) => consume(state, { offer: description }));
    linked.model('web').integrate('app', 'db:database');
    linked.settle();
    assert.equal(
      refusal(
        offer(linked.model('prod').state, { application: 'db', endpoints: ['replica-source'] }),
      ),
      'application endpoint "database" has active consumers',
    );
    assert.equal(
      refusal(offer(linked.model('prod').state, { application: 'db', endpoints: ['database'] })),
      'applied',
    );
  });

  it('refuses to remove an offered application until the offer is gone', () => {
    assert.equal(
      refusal(removeApplication(prod(), { application: 'db' })),
      'cannot remove application "db": it is offered as "pgsql"; remove the offer first with "loom remove-offer pgsql"',
    );
  });

  it('parses offer URLs [<controller>:][<user>/]<model>.<offer> and refuses others', () => {
    assert.deepEqual(parseOfferUrl('admin/prod.pgsql'), {
      user: 'admin',
      model: 'prod',
      offer: 'pgsql',
    });
    assert.deepEqual(parseOfferUrl('loom:prod.pgsql'), {
      controller: 'loom',
      model: 'prod',
      offer: 'pgsql',
    });
    assert.deepEqual(parseOfferUrl('prod'), {
      ok: false,
      code: 'not-valid',
      message:
        'offer URL "prod" is not valid: expected [<controller>:][<user>/]<model>.<offer-name>',
    });
  });
});

describe('R8.2 consume and integrate', () => {
  it('makes a SAAS with the offered endpoints only, no units and no charm', () => {
    const saas = web().remoteApplications.get('pgsql');
    assert.deepEqual(saas, {
      name: 'pgsql',
      kind: 'saas',
      sourceModel: 'prod',
      sourceApplication: 'db',
      offer: 'pgsql',
      url: 'admin/prod.pgsql',
      endpoints: [{ name: 'database', role: 'provider', interface: 'pgsql' }],
      life: 'alive',
      status: 'active',
    });
  });

  it('names a SAAS as such when a local-only operation is asked of it', () => {
    const state = web();
    const saasHint =
      'application "pgsql" is a SAAS consumed from admin/prod.pgsql: it has no units or config here; remove it with "loom remove-saas pgsql"';
    assert.equal(refusal(addUnit(state, { application: 'pgsql' })), saasHint);
    assert.equal(
      refusal(configureApplication(state, { application: 'pgsql', settings: {} })),
      saasHint,
    );
    assert.equal(refusal(removeApplication(state, { application: 'pgsql' })), saasHint);
    assert.equal(
      refusal(addUnit(state, { application: 'ghost' })),
      'application "ghost" not found',
    );
  });

  it('refuses a SAAS name a local application holds', () => {
    const description = consumableOffer(prod(), 'pgsql', 'admin/prod.pgsql');
    assert.ok(description);
    assert.equal(
      refusal(consume(web(), { offer: description, name: 'app' })),
      'cannot add saas "app": an application of that name exists; give another name, as in "consume admin/prod.pgsql <name>"',
    );
  });

  it('refuses to relate two SAAS (R2.13 step 4)', () => {
    const offering = chain(
      prod(),
      (state) => deploy(state, { application: 'client', charm: CHARMS.webcharm }),
      (state) => offer(state, { application: 'client', endpoints: ['database'] }),
    );
    const client = consumableOffer(offering, 'client', 'admin/prod.client');
    assert.ok(client);
    const state = chain(web(), (s) => consume(s, { offer: client }));
    assert.equal(
      refusal(integrate(state, { endpoints: ['client', 'pgsql'] })),
      'cannot add relation "client:database pgsql:database": cannot add relation between saas applications "client" and "pgsql"',
    );
  });

  it('refuses a container-scoped local endpoint across models (R2.13 step 5)', () => {
    assert.equal(
      refusal(integrate(web(), { endpoints: ['logger:logging', 'logs'] })),
      'cannot add relation "logger:logging logs:logging": local endpoint must be globally scoped for remote relations',
    );
  });
});

describe('permissions across the boundary (R8.5, R4.4)', () => {
  it('lets consuming units write only their own bags; the offering side sees them only as the proxy', () => {
    const script = new Script();
    const linked = consumed();
    for (const simulator of linked.models.values()) script.install(simulator, FIXTURE_CHARM_NAMES);
    linked.model('web').integrate('app', 'db');
    script.on('app/0', 'database-relation-created', (context) => {
      context.relationSet(new Map([['want', 'site']]), { app: true });
      context.relationSet(new Map([['ready', 'yes']]));
    });
    linked.settle();
    const webState = linked.model('web').state;
    const relation = webState.relations.get(0);
    assert.ok(relation);
    for (const bag of [
      { kind: 'unit' as const, unit: 'db/0' },
      { kind: 'application' as const, application: 'db' },
    ])
      assert.equal(canWriteBag({ relation, unit: 'app/0', isLeader: true, bag }).allowed, false);
    // What web sends carries only app's own bags, never the SAAS's.
    const crossing = relationCrossing(webState, 0);
    assert.deepEqual([...(crossing?.units.keys() ?? [])], [0]);
    assert.equal(crossing?.applicationBag.get('want'), 'site');
    const prodState = linked.model('prod').state;
    const [proxy] = prodState.remoteApplications.keys();
    assert.ok(proxy);
    const bags = prodState.bags.get(0);
    assert.ok(bags);
    assert.equal(bags.applications.get(proxy)?.values.get('want'), 'site');
    assert.equal(bags.units.get(`${proxy}/0`)?.values.get('ready'), 'yes');
    assert.equal(bags.applications.get('db')?.values.size, 0);
    assert.equal(bags.units.get('db/0')?.values.has('want'), false);
  });
});

describe('R8.6 addresses across models', () => {
  it("gives consuming units the --via subnets as egress-subnets, carried to the offering side's remote units", () => {
    const linked = consumed();
    linked
      .model('web')
      .run((state) =>
        integrate(state, { endpoints: ['app', 'db'], via: ['10.9.0.0/16', '10.8.0.0/16'] }),
      );
    linked.settle();
    const web = linked.model('web').state;
    assert.equal(
      web.bags.get(0)?.units.get('app/0')?.values.get('egress-subnets'),
      '10.9.0.0/16,10.8.0.0/16',
    );
    assert.deepEqual(egressSubnets(web, '127.0.0.9', 0), ['10.9.0.0/16', '10.8.0.0/16']);
    assert.deepEqual(egressSubnets(web, '127.0.0.9'), ['127.0.0.9/32']);
    // goal-state lists the remote unit with the relation (R8.4).
    assert.deepEqual(goalStateAnswer(web, 'app/0').relations, {
      database: { db: { status: 'joined' }, 'db/0': { status: 'active' } },
    });
    const prod = linked.model('prod').state;
    const [proxy] = prod.remoteApplications.keys();
    const remoteBag = prod.bags.get(0)?.units.get(`${proxy ?? ''}/0`)?.values;
    assert.equal(remoteBag?.get('egress-subnets'), '10.9.0.0/16,10.8.0.0/16');
    // The offering units' own addresses cross unchanged: the remote unit's ingress is db/0's.
    assert.equal(
      web.bags.get(0)?.units.get('db/0')?.values.get('ingress-address'),
      prod.bags.get(0)?.units.get('db/0')?.values.get('ingress-address'),
    );
  });
});
