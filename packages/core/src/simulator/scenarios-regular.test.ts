/**
 * Spec §9.1 (S1–S10): establishing and using a regular relation. Each test asserts every unit's
 * hook sequence in the spec's notation, the hooks' environment, and the data the hooks read.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { HookToolError } from '../hook-context/hook-tool-error.js';
import { CHARMS, FIXTURE_CHARM_NAMES } from '../test-support/scenario-charms.js';
import { mark, recordsSince, Script, since } from '../test-support/scripted-charm.js';
import { describeHook } from './hook-record.js';
import { Simulator } from './simulator.js';

const FIXTURES = FIXTURE_CHARM_NAMES;

function simulator(script = new Script()): Simulator {
  const sim = new Simulator();
  script.install(sim, FIXTURES);
  return sim;
}

/**
 * S1's set-up: db (1 unit) and app (2 units), settled, not yet related. The script takes over
 * once the set-up has settled, so its rules see only what comes after.
 */
function deployed(script = new Script()): Simulator {
  const sim = new Simulator();
  sim.deploy({ application: 'db', charm: CHARMS.dbcharm });
  sim.deploy({ application: 'app', charm: CHARMS.webcharm, numUnits: 2 });
  sim.settle();
  script.install(sim, FIXTURES);
  return sim;
}

/** S1 completed: related and settled, then the script takes over. */
function related(script = new Script()): Simulator {
  const sim = deployed();
  sim.integrate('app', 'db');
  sim.settle();
  script.install(sim, FIXTURES);
  return sim;
}

function poke(sim: Simulator, application: string, tick: number): void {
  sim.configure(application, { tick });
}

describe('S1 deploy db and app, then integrate', () => {
  it('starts each unit in R5.4 order: leader-elected on leaders, leader-settings-changed elsewhere', () => {
    const sim = deployed();
    assert.deepEqual(since(sim, new Map(), 'db/0'), [
      'install',
      'leader-elected',
      'config-changed',
      'start',
    ]);
    assert.deepEqual(since(sim, new Map(), 'app/0'), [
      'install',
      'leader-elected',
      'config-changed',
      'start',
    ]);
    assert.deepEqual(since(sim, new Map(), 'app/1'), [
      'install',
      'leader-settings-changed',
      'config-changed',
      'start',
    ]);
  });

  it('runs created, then joined and changed per remote unit, on every unit', () => {
    const sim = deployed();
    const before = mark(sim);
    assert.deepEqual(sim.integrate('app', 'db'), {
      relationId: 0,
      key: 'app:database db:database',
    });
    sim.settle();
    assert.deepEqual(since(sim, before, 'db/0'), [
      'database-relation-created (app app)',
      'database-relation-joined (app/0)',
      'database-relation-changed (app/0)',
      'database-relation-joined (app/1)',
      'database-relation-changed (app/1)',
    ]);
    for (const unit of ['app/0', 'app/1']) {
      assert.deepEqual(since(sim, before, unit), [
        'database-relation-created (app db)',
        'database-relation-joined (db/0)',
        'database-relation-changed (db/0)',
      ]);
    }
  });

  it('gives every hook its relation environment (R6.5)', () => {
    const sim = deployed();
    const before = mark(sim);
    sim.integrate('app', 'db');
    sim.settle();
    for (const unit of ['db/0', 'app/0', 'app/1']) {
      for (const record of recordsSince(sim, before, unit)) {
        assert.equal(record.environment.JUJU_RELATION_ID, 'database:0');
        assert.equal(record.environment.JUJU_RELATION, 'database');
        assert.equal(record.environment.JUJU_HOOK_NAME, record.hook.name);
        assert.equal(record.environment.JUJU_DISPATCH_PATH, `hooks/${record.hook.name}`);
        assert.equal(record.environment.JUJU_UNIT_NAME, unit);
      }
    }
    const [created, joined] = recordsSince(sim, before, 'app/0');
    assert.deepEqual(
      [created?.environment.JUJU_REMOTE_UNIT, created?.environment.JUJU_REMOTE_APP],
      ['', 'db'],
    );
    assert.deepEqual(
      [joined?.environment.JUJU_REMOTE_UNIT, joined?.environment.JUJU_REMOTE_APP],
      ['db/0', 'db'],
    );
    assert.equal(joined?.environment.JUJU_DEPARTING_UNIT, undefined);
  });

  it("shows db/0's address keys to app/0, and both app units to db/0's last joined", () => {
    const seen: Record<string, unknown> = {};
    const script = new Script()
      .on('app/0', 'database-relation-changed (db/0)', (context) => {
        seen.bag = [...context.relationGet().keys()];
      })
      .on('db/0', 'database-relation-joined (app/1)', (context) => {
        seen.members = context.relationList();
      });
    const sim = deployed(script);
    sim.integrate('app', 'db');
    sim.settle();
    assert.deepEqual(seen.bag, ['egress-subnets', 'ingress-address', 'private-address']);
    assert.deepEqual(seen.members, ['app/0', 'app/1']);
  });
});

describe('settle', () => {
  it("returns each unit's hooks of that settle", () => {
    const sim = deployed();
    const report = sim.settle();
    assert.equal(report.hooks, 0);
    sim.integrate('app', 'db');
    const logs = sim.settle().hookLogs();
    assert.deepEqual([...logs.keys()].sort(), ['app/0', 'app/1', 'db/0']);
    assert.deepEqual(
      logs.get('app/1')?.map((record) => describeHook(record.hook)),
      [
        'database-relation-created (app db)',
        'database-relation-joined (db/0)',
        'database-relation-changed (db/0)',
      ],
    );
  });
});

describe('S2 a unit-bag write', () => {
  it('gives every app unit one changed(db/0) showing the value; db/0 gets nothing', () => {
    const seen: string[] = [];
    const script = new Script().on('db/0', 'config-changed', (context) => {
      context.relationSet(
        new Map([
          ['host', '10.0.0.9'],
          ['port', '5432'],
        ]),
        { relationId: 0 },
      );
    });
    for (const unit of ['app/0', 'app/1']) {
      script.on(unit, 'database-relation-changed (db/0)', (context) => {
        seen.push(`${unit}:${context.relationGet({ key: 'host' }) ?? ''}`);
      });
    }
    const sim = related(script);
    const before = mark(sim);
    poke(sim, 'db', 1);
    sim.settle();
    assert.deepEqual(since(sim, before, 'app/0'), ['database-relation-changed (db/0)']);
    assert.deepEqual(since(sim, before, 'app/1'), ['database-relation-changed (db/0)']);
    assert.deepEqual(since(sim, before, 'db/0'), ['config-changed']);
    assert.deepEqual(seen, ['app/0:10.0.0.9', 'app/1:10.0.0.9']);
  });

  it('variant: a write in -created shows in the first changed(db/0), with no extra hook', () => {
    const seen: (string | undefined)[] = [];
    const script = new Script()
      .on('db/0', 'database-relation-created', (context) => {
        context.relationSet(new Map([['host', '10.0.0.9']]));
      })
      .on('app/0', 'database-relation-changed (db/0)', (context) => {
        seen.push(context.relationGet({ key: 'host' }));
      });
    const sim = deployed(script);
    const before = mark(sim);
    sim.integrate('app', 'db');
    sim.settle();
    assert.deepEqual(since(sim, before, 'app/0'), [
      'database-relation-created (app db)',
      'database-relation-joined (db/0)',
      'database-relation-changed (db/0)',
    ]);
    assert.deepEqual(seen, ['10.0.0.9']);
  });
});

describe('S3 an application-bag write by the leader', () => {
  it('notifies every app unit at application level; plain relation-get implies --app', () => {
    const seen: unknown[] = [];
    const script = new Script().on('db/0', 'config-changed', (context) => {
      context.relationSet(new Map([['dbname', 'site']]), { relationId: 0, app: true });
      seen.push(
        Object.fromEntries(context.relationGet({ relationId: 0, app: true, target: 'db' })),
      );
    });
    for (const unit of ['app/0', 'app/1']) {
      script.on(unit, 'database-relation-changed (app db)', (context) => {
        seen.push(`${unit}:${context.relationGet({ key: 'dbname' }) ?? ''}`);
      });
    }
    const sim = related(script);
    const before = mark(sim);
    poke(sim, 'db', 1);
    sim.settle();
    for (const unit of ['app/0', 'app/1']) {
      assert.deepEqual(since(sim, before, unit), ['database-relation-changed (app db)']);
      const [record] = recordsSince(sim, before, unit);
      assert.deepEqual(
        [record?.environment.JUJU_REMOTE_UNIT, record?.environment.JUJU_REMOTE_APP],
        ['', 'db'],
      );
    }
    assert.deepEqual(since(sim, before, 'db/0'), ['config-changed']);
    assert.deepEqual(seen, [{ dbname: 'site' }, 'app/0:site', 'app/1:site']);
  });

  it('variant: written in -created, an app unit gets changed(app db) before joined(db/0)', () => {
    const script = new Script().on('db/0', 'database-relation-created', (context) => {
      context.relationSet(new Map([['dbname', 'site']]), { app: true });
    });
    const sim = deployed(script);
    const before = mark(sim);
    sim.integrate('app', 'db');
    // db/0 enters scope and runs -created before the app units evaluate relation hooks.
    sim.stepUnit('db/0');
    sim.stepUnit('db/0');
    sim.settle();
    assert.deepEqual(since(sim, before, 'app/0'), [
      'database-relation-created (app db)',
      'database-relation-changed (app db)',
      'database-relation-joined (db/0)',
      'database-relation-changed (db/0)',
    ]);
  });
});

describe('S4 a non-leader and its application bag', () => {
  it('refuses the write and the read with Juju texts and exit code 1; other writes still commit', () => {
    const errors: string[] = [];
    let leaderRead: unknown;
    const script = new Script()
      .on('app/1', 'config-changed', (context) => {
        context.relationSet(new Map([['ok', 'yes']]), { relationId: 0 });
        for (const attempt of [
          () => {
            context.relationSet(new Map([['x', '1']]), { relationId: 0, app: true });
          },
          () => context.relationGet({ relationId: 0, app: true, target: 'app' }),
        ]) {
          try {
            attempt();
          } catch (error) {
            assert.ok(error instanceof HookToolError);
            errors.push(`${error.exitCode}:${error.message}`);
          }
        }
      })
      .on('app/0', 'config-changed', (context) => {
        leaderRead = Object.fromEntries(
          context.relationGet({ relationId: 0, app: true, target: 'app' }),
        );
      });
    const sim = related(script);
    const before = mark(sim);
    poke(sim, 'app', 1);
    sim.settle();
    assert.deepEqual(errors, ['1:cannot write relation settings', '1:permission denied']);
    assert.deepEqual(leaderRead, {});
    assert.equal(sim.state.bags.get(0)?.applications.get('app')?.values.size, 0);
    assert.equal(sim.state.bags.get(0)?.units.get('app/1')?.values.get('ok'), 'yes');
    assert.deepEqual(since(sim, before, 'db/0'), ['database-relation-changed (app/1)']);
  });
});

describe('S5 null writes', () => {
  it('wakes nobody when a write changes nothing', () => {
    const script = new Script()
      .on('db/0', 'config-changed', (context) => {
        context.relationSet(new Map([['host', '10.0.0.9']]), { relationId: 0 });
        context.relationSet(new Map([['dbname', 'site']]), { relationId: 0, app: true });
      })
      .on(
        'db/0',
        'config-changed',
        (context) => {
          context.relationSet(new Map([['host', '10.0.0.9']]), { relationId: 0 });
          context.relationSet(new Map([['tmp', '1']]), { relationId: 0 });
          context.relationSet(new Map([['tmp', '']]), { relationId: 0 });
          context.relationSet(new Map([['dbname', 'site']]), { relationId: 0, app: true });
        },
        2,
      );
    const sim = related(script);
    poke(sim, 'db', 1);
    sim.settle();
    const before = mark(sim);
    const versions = [
      sim.state.bags.get(0)?.units.get('db/0')?.version,
      sim.state.bags.get(0)?.applications.get('db')?.version,
    ];
    poke(sim, 'db', 2);
    sim.settle();
    assert.deepEqual(since(sim, before, 'db/0'), ['config-changed']);
    assert.deepEqual(since(sim, before, 'app/0'), []);
    assert.deepEqual(since(sim, before, 'app/1'), []);
    assert.deepEqual(
      [
        sim.state.bags.get(0)?.units.get('db/0')?.version,
        sim.state.bags.get(0)?.applications.get('db')?.version,
      ],
      versions,
    );
  });
});

describe('S6 remove a unit (non-peer)', () => {
  it('departs on both sides, breaks on the leaving unit, and keeps its bag readable', () => {
    let after: unknown;
    let bag: unknown;
    const script = new Script().on('db/0', 'config-changed', (context) => {
      after = context.relationList(0);
      bag = context.relationGet({ relationId: 0, target: 'app/1', key: 'private-address' });
    });
    const sim = related(script);
    const before = mark(sim);
    sim.removeUnit('app/1');
    sim.settle();
    assert.deepEqual(since(sim, before, 'db/0'), ['database-relation-departed (app/1, dep=app/1)']);
    assert.deepEqual(since(sim, before, 'app/1'), [
      'database-relation-departed (db/0, dep=app/1)',
      'database-relation-broken (app db)',
      'stop',
      'remove',
    ]);
    assert.deepEqual(since(sim, before, 'app/0'), []);
    assert.equal(sim.state.units.has('app/1'), false);
    poke(sim, 'db', 1);
    sim.settle();
    assert.deepEqual(after, ['app/0']);
    assert.equal(typeof bag, 'string');
  });
});

describe('S7 a unit added after data was set', () => {
  it('runs the application-level changed first, and sees every value at once', () => {
    let seen: unknown;
    const script = new Script()
      .on('db/0', 'config-changed', (context) => {
        context.relationSet(
          new Map([
            ['host', '10.0.0.9'],
            ['port', '5432'],
          ]),
          { relationId: 0 },
        );
        context.relationSet(new Map([['dbname', 'site']]), { relationId: 0, app: true });
      })
      .on('app/2', 'database-relation-changed (db/0)', (context) => {
        seen = [
          context.relationGet({ key: 'host' }),
          context.relationGet({ key: 'port' }),
          context.relationGet({ app: true, key: 'dbname' }),
        ];
      });
    const sim = related(script);
    poke(sim, 'db', 1);
    sim.settle();
    const before = mark(sim);
    assert.deepEqual(sim.addUnit({ application: 'app' }), ['app/2']);
    sim.settle();
    assert.deepEqual(since(sim, before, 'app/2'), [
      'install',
      'database-relation-created (app db)',
      'leader-settings-changed',
      'config-changed',
      'start',
      'database-relation-changed (app db)',
      'database-relation-joined (db/0)',
      'database-relation-changed (db/0)',
    ]);
    assert.deepEqual(since(sim, before, 'db/0'), [
      'database-relation-joined (app/2)',
      'database-relation-changed (app/2)',
    ]);
    assert.deepEqual(since(sim, before, 'app/0'), []);
    assert.deepEqual(since(sim, before, 'app/1'), []);
    assert.deepEqual(seen, ['10.0.0.9', '5432', 'site']);
  });
});

describe('S8 many remote units', () => {
  it('serves remote units in byte-wise order: app/10 before app/2', () => {
    const sim = simulator();
    sim.deploy({ application: 'db', charm: CHARMS.dbcharm });
    sim.deploy({ application: 'app', charm: CHARMS.webcharm, numUnits: 11 });
    sim.settle();
    const before = mark(sim);
    sim.integrate('app', 'db');
    sim.settle();
    const order = ['0', '1', '10', '2', '3', '4', '5', '6', '7', '8', '9'].flatMap((n) => [
      `database-relation-joined (app/${n})`,
      `database-relation-changed (app/${n})`,
    ]);
    assert.deepEqual(since(sim, before, 'db/0'), ['database-relation-created (app app)', ...order]);
  });
});

describe('S9 a unit that joins and leaves before being processed', () => {
  function withApp2(): Simulator {
    const sim = related();
    assert.deepEqual(sim.addUnit({ application: 'app' }), ['app/2']);
    // app/2 (app/3 in the spec) installs and enters scope while db/0 is not stepped.
    for (let step = 0; step < 3; step += 1) sim.stepUnit('app/2');
    assert.equal(sim.state.memberships.get(0)?.has('app/2'), true);
    return sim;
  }

  it('runs neither -joined nor -departed on db/0 when it never saw the unit', () => {
    const sim = withApp2();
    const before = mark(sim);
    sim.removeUnit('app/2');
    sim.settle();
    assert.deepEqual(since(sim, before, 'db/0'), []);
  });

  it('runs -changed then -departed when db/0 had committed -joined', () => {
    const sim = withApp2();
    while (!since(sim, new Map(), 'db/0').includes('database-relation-joined (app/2)'))
      sim.stepUnit('db/0');
    const before = mark(sim);
    sim.removeUnit('app/2');
    sim.settle();
    assert.deepEqual(since(sim, before, 'db/0'), [
      'database-relation-changed (app/2)',
      'database-relation-departed (app/2, dep=app/2)',
    ]);
  });
});

describe('S10 several relations pending', () => {
  it('serves the lowest relation id first (spec 11.2), each relation in R5.8 order', () => {
    const sim = simulator();
    sim.deploy({ application: 'db', charm: CHARMS.dbcharm });
    sim.deploy({ application: 'app', charm: CHARMS.webcharm });
    sim.deploy({ application: 'app2', charm: CHARMS.webcharm });
    sim.settle();
    const before = mark(sim);
    sim.integrate('app', 'db');
    sim.integrate('app2', 'db');
    sim.settle();
    assert.deepEqual(since(sim, before, 'db/0'), [
      'database-relation-created (app app)',
      'database-relation-created (app app2)',
      'database-relation-joined (app/0)',
      'database-relation-changed (app/0)',
      'database-relation-joined (app2/0)',
      'database-relation-changed (app2/0)',
    ]);
    const ids = recordsSince(sim, before, 'db/0').map(
      (record) => record.environment.JUJU_RELATION_ID,
    );
    assert.deepEqual(ids, [
      'database:0',
      'database:1',
      'database:0',
      'database:0',
      'database:1',
      'database:1',
    ]);
  });
});
