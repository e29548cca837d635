/**
 * Spec §9.4 (S23–S32): removal, hook failures and errors.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { CHARMS, FIXTURE_CHARM_NAMES } from '../test-support/scenario-charms.js';
import { mark, recordsSince, Script, since } from '../test-support/scripted-charm.js';
import { OperationRefusedError } from './simulation-error.js';
import { Simulator } from './simulator.js';

const FIXTURES = FIXTURE_CHARM_NAMES;

/** S1 completed (db/0; app/0, app/1 related as relation 0), then the script takes over. */
function s1(script = new Script(), options: { appCharm?: keyof typeof CHARMS } = {}): Simulator {
  const sim = new Simulator();
  sim.deploy({ application: 'db', charm: CHARMS.dbcharm });
  sim.deploy({ application: 'app', charm: CHARMS[options.appCharm ?? 'webcharm'], numUnits: 2 });
  sim.settle();
  sim.integrate('app', 'db');
  sim.settle();
  script.install(sim, FIXTURES);
  return sim;
}

function refusal(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    assert.ok(error instanceof OperationRefusedError, String(error));
    return error.message;
  }
  assert.fail('expected the operation to be refused');
}

describe('S23 remove-relation (global)', () => {
  it('departs and breaks everywhere; the last one out removes the relation and its bags', () => {
    const seen: unknown[] = [];
    const script = new Script();
    const sim = s1(script);
    script.on('db/0', 'database-relation-broken', (context) => {
      seen.push(context.relationList(), context.relationIds('database'));
    });
    const before = mark(sim);
    sim.removeRelation({ endpoints: ['app', 'db'] });
    sim.settle();
    assert.deepEqual(since(sim, before, 'db/0'), [
      'database-relation-departed (app/0, dep=app/0)',
      'database-relation-departed (app/1, dep=app/1)',
      'database-relation-broken (app app)',
    ]);
    for (const unit of ['app/0', 'app/1']) {
      assert.deepEqual(since(sim, before, unit), [
        'database-relation-departed (db/0, dep=db/0)',
        'database-relation-broken (app db)',
      ]);
    }
    assert.deepEqual(seen, [[], ['database:0']]);
    assert.equal(sim.state.relations.has(0), false);
    assert.equal(sim.state.bags.has(0), false);
    let later: string[] | undefined;
    script.on('db/0', 'config-changed', (context) => {
      later = context.relationIds('database');
    });
    sim.configure('db', { tick: 1 });
    sim.settle();
    assert.deepEqual(later, []);
  });
});

describe('S24 remove-application', () => {
  it("tears down the application's units and relations; db departs and breaks", () => {
    const sim = s1();
    const before = mark(sim);
    sim.removeApplication('app');
    sim.settle();
    assert.deepEqual(since(sim, before, 'db/0'), [
      'database-relation-departed (app/0, dep=app/0)',
      'database-relation-departed (app/1, dep=app/1)',
      'database-relation-broken (app app)',
    ]);
    for (const unit of ['app/0', 'app/1']) {
      assert.deepEqual(since(sim, before, unit), [
        `database-relation-departed (db/0, dep=${unit})`,
        'database-relation-broken (app db)',
        'stop',
        'remove',
      ]);
    }
    assert.equal(sim.state.applications.has('app'), false);
    assert.equal(sim.state.relations.size, 0);
  });

  it('departs peers with dep=itself and runs no peer -broken', () => {
    const sim = new Simulator();
    sim.deploy({ application: 'cluster', charm: CHARMS.clustercharm, numUnits: 2 });
    sim.settle();
    const before = mark(sim);
    sim.removeApplication('cluster');
    sim.settle();
    assert.deepEqual(since(sim, before, 'cluster/0'), [
      'replicas-relation-departed (cluster/1, dep=cluster/0)',
      'stop',
      'remove',
    ]);
    assert.equal(sim.state.applications.size, 0);
  });
});

describe('S25 hook failure and retry', () => {
  function failing(): { sim: Simulator; script: Script } {
    const script = new Script().on('app/0', 'database-relation-changed (db/0)', (context) => {
      context.relationSet(new Map([['ready', 'yes']]));
      throw new Error('exit status 1');
    });
    const sim = new Simulator();
    sim.deploy({ application: 'db', charm: CHARMS.dbcharm });
    sim.deploy({ application: 'app', charm: CHARMS.webcharm, numUnits: 2 });
    sim.settle();
    script.install(sim, FIXTURES);
    sim.integrate('app', 'db');
    return { sim, script };
  }

  it('puts the unit in error with Juju status, keeps its writes out, and blocks its other hooks', () => {
    const { sim } = failing();
    const report = sim.settle();
    assert.deepEqual(report.unitsInError, ['app/0']);
    assert.deepEqual(sim.state.units.get('app/0')?.agentStatus, {
      current: 'error',
      message: 'hook failed: "database-relation-changed"',
    });
    const failed = sim.hooks('app/0').at(-1);
    assert.equal(failed?.outcome, 'failed');
    assert.deepEqual([failed.hook.relation?.id, failed.hook.remoteUnit], [0, 'db/0']);
    assert.equal(sim.state.bags.get(0)?.units.get('app/0')?.values.has('ready'), false);
    // db/0 saw app/0 join (joined then changed), and nothing of the failed hook's write.
    assert.equal(
      since(sim, new Map(), 'db/0').filter((hook) => hook === 'database-relation-changed (app/0)')
        .length,
      1,
    );
    const before = mark(sim);
    sim.deploy({ application: 'db2', charm: CHARMS.dbcharm });
    sim.configure('app', { tick: 1 });
    sim.settle();
    sim.integrate('app', 'db2');
    sim.settle();
    assert.deepEqual(since(sim, before, 'app/0'), []);
    assert.equal(sim.state.memberships.get(1)?.has('app/0') ?? false, false);
  });

  it('retries the same hook on resolve, reading current data, then catches up', () => {
    const { sim, script } = failing();
    sim.settle();
    let host: string | undefined;
    script
      .on('db/0', 'config-changed', (context) => {
        context.relationSet(new Map([['host', '10.0.0.9']]), { relationId: 0 });
      })
      .on('app/0', 'database-relation-changed (db/0)', (context) => {
        host = context.relationGet({ key: 'host' });
        context.relationSet(new Map([['ready', 'yes']]));
      });
    sim.configure('db', { tick: 1 });
    sim.settle();
    const before = mark(sim);
    sim.resolve('app/0');
    sim.settle();
    assert.equal(host, '10.0.0.9');
    const retried = recordsSince(sim, before, 'app/0');
    assert.deepEqual(
      retried.map((record) => `${record.hook.name}:${record.hook.version ?? ''}:${record.outcome}`),
      ['database-relation-changed:0:succeeded', 'database-relation-changed:1:succeeded'],
    );
    assert.deepEqual(since(sim, before, 'db/0'), ['database-relation-changed (app/0)']);
    assert.equal(sim.state.units.get('app/0')?.agentStatus.current, 'idle');
  });

  it('records the hook as done with resolve --no-retry: nothing it wrote exists', () => {
    const { sim } = failing();
    sim.settle();
    const before = mark(sim);
    sim.resolve('app/0', 'skip');
    sim.settle();
    assert.equal(recordsSince(sim, before, 'app/0')[0]?.outcome, 'skipped');
    assert.equal(sim.state.bags.get(0)?.units.get('app/0')?.values.has('ready'), false);
    assert.deepEqual(since(sim, before, 'db/0'), []);
    assert.deepEqual(sim.settle().unitsInError, []);
    assert.match(
      refusal(() => {
        sim.resolve('app/0');
      }),
      /^unit "app\/0" is not in an error state$/,
    );
  });
});

describe('S26–S30 refusals with Juju messages', () => {
  it('S26: refuses a duplicate integrate, and says so while the old one is dying', () => {
    const sim = s1();
    assert.equal(
      refusal(() => sim.integrate('app', 'db')),
      'cannot add relation "app:database db:database": relation app:database db:database already exists',
    );
    sim.removeRelation({ relationId: 0 });
    assert.match(
      refusal(() => sim.integrate('app', 'db')),
      /is dying, but not yet removed$/,
    );
  });

  it('S27: lists every candidate of an ambiguous integrate', () => {
    const sim = new Simulator();
    sim.deploy({ application: 'db', charm: CHARMS.dbcharm2 });
    sim.deploy({ application: 'app', charm: CHARMS.webcharm });
    assert.equal(
      refusal(() => sim.integrate('app', 'db')),
      'ambiguous relation: "app db" could refer to "app:database db:database"; "app:database db:replica-source"',
    );
    assert.equal(sim.integrate('app', 'db:database').key, 'app:database db:database');
  });

  it('S28: finds no relation for self relations or unrelated interfaces', () => {
    const sim = s1();
    sim.deploy({ application: 'cluster', charm: CHARMS.clustercharm });
    for (const pair of [
      ['app', 'app'],
      ['cluster', 'cluster'],
      ['db', 'cluster'],
    ]) {
      assert.equal(
        refusal(() => sim.integrate(...pair)),
        'no relations found',
      );
    }
  });

  it('S29: refuses a relation past the endpoint limit', () => {
    const sim = s1(new Script(), { appCharm: 'webcharmLimited' });
    sim.deploy({ application: 'db2', charm: CHARMS.dbcharm });
    assert.equal(
      refusal(() => sim.integrate('app', 'db2')),
      'cannot add relation "app:database db2:database": establishing a new relation for app:database would exceed its maximum relation limit of 1',
    );
  });

  it('S30: refuses to remove a peer relation', () => {
    const sim = new Simulator();
    sim.deploy({ application: 'cluster', charm: CHARMS.clustercharm });
    assert.equal(
      refusal(() => {
        sim.removeRelation({ relationId: 0 });
      }),
      'cannot destroy relation "cluster:replicas": is a peer relation',
    );
  });
});

describe('S31 a relation without units on one side', () => {
  it('gives db/0 -created, then only -broken on removal', () => {
    const sim = s1();
    sim.deploy({ application: 'x', charm: CHARMS.webcharm, numUnits: 0 });
    const before = mark(sim);
    sim.integrate('x', 'db');
    sim.settle();
    assert.deepEqual(since(sim, before, 'db/0'), ['database-relation-created (app x)']);
    const removal = mark(sim);
    sim.removeRelation({ endpoints: ['x', 'db'] });
    sim.settle();
    assert.deepEqual(since(sim, removal, 'db/0'), ['database-relation-broken (app x)']);
    assert.equal(sim.state.relations.has(1), false);
  });
});

describe('S32 addresses restored by config-changed', () => {
  it('rewrites a deleted private-address at the next config-changed (R4.4)', () => {
    const seen: (string | undefined)[] = [];
    const script = new Script();
    const sim = s1(script);
    script
      .on('db/0', 'config-changed', (context) => {
        context.relationSet(new Map([['host', '10.0.0.9']]), { relationId: 0 });
      })
      .on('app/0', 'database-relation-changed (db/0)', (context) => {
        context.relationSet(new Map([['private-address', '']]));
      })
      .on(
        'db/0',
        'database-relation-changed (app/0)',
        (context) => {
          seen.push(context.relationGet({ key: 'private-address' }));
        },
        2,
      );
    const first = mark(sim);
    sim.configure('db', { tick: 1 });
    sim.settle();
    assert.deepEqual(since(sim, first, 'db/0'), [
      'config-changed',
      'database-relation-changed (app/0)',
    ]);
    assert.equal(sim.state.bags.get(0)?.units.get('app/0')?.values.has('private-address'), false);
    const second = mark(sim);
    sim.configure('app', { tick: 1 });
    sim.settle();
    assert.deepEqual(since(sim, second, 'app/0'), ['config-changed']);
    assert.deepEqual(since(sim, second, 'db/0'), ['database-relation-changed (app/0)']);
    assert.deepEqual(seen, [undefined, sim.addressOf('app/0')]);
  });
});
