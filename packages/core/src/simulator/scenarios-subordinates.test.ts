/**
 * Spec §9.3 (S19–S22): subordinates and the implicit `juju-info` relation.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { CHARMS, FIXTURE_CHARM_NAMES } from '../test-support/scenario-charms.js';
import { mark, recordsSince, Script, since } from '../test-support/scripted-charm.js';
import { Simulator } from './simulator.js';

const FIXTURES = FIXTURE_CHARM_NAMES;

/** S19's set-up: app (logsrc, 2 units) and logger (0 units), settled, not yet related. */
function deployed(): Simulator {
  const sim = new Simulator();
  sim.deploy({ application: 'app', charm: CHARMS.logsrc, numUnits: 2 });
  sim.deploy({ application: 'logger', charm: CHARMS.logger });
  sim.settle();
  return sim;
}

/** S19 completed, then the script takes over. */
function s19(script = new Script()): Simulator {
  const sim = deployed();
  sim.integrate('app', 'logger');
  sim.settle();
  script.install(sim, FIXTURES);
  return sim;
}

const loggerStart = (election: string, principal: string) => [
  'install',
  'logging-relation-created (app app)',
  election,
  'config-changed',
  'start',
  `logging-relation-joined (${principal})`,
  `logging-relation-changed (${principal})`,
];

describe('S19 a subordinate through an explicit container endpoint', () => {
  it('creates one logger unit per app unit, each seeing only its own principal', () => {
    const sim = deployed();
    const before = mark(sim);
    assert.equal(sim.integrate('app', 'logger').key, 'logger:logging app:logging');
    sim.settle();
    assert.deepEqual(since(sim, before, 'app/0'), [
      'logging-relation-created (app logger)',
      'logging-relation-joined (logger/0)',
      'logging-relation-changed (logger/0)',
    ]);
    assert.deepEqual(since(sim, before, 'app/1'), [
      'logging-relation-created (app logger)',
      'logging-relation-joined (logger/1)',
      'logging-relation-changed (logger/1)',
    ]);
    assert.deepEqual(since(sim, before, 'logger/0'), loggerStart('leader-elected', 'app/0'));
    assert.deepEqual(
      since(sim, before, 'logger/1'),
      loggerStart('leader-settings-changed', 'app/1'),
    );
    assert.deepEqual(
      ['logger/0', 'logger/1'].map((unit) => sim.state.units.get(unit)?.machine),
      ['0', '1'],
    );
    const [record] = recordsSince(sim, before, 'logger/1');
    assert.equal(record?.environment.JUJU_PRINCIPAL_UNIT, 'app/1');
  });

  it('lists one unit in relation-list, and an app bag write reaches both subordinates', () => {
    const lists: Record<string, string[]> = {};
    const script = new Script();
    const sim = s19(script);
    for (const unit of ['app/0', 'logger/0']) {
      script.on(unit, 'config-changed', (context) => {
        lists[unit] = context.relationList(0);
      });
    }
    script.on('app/0', 'config-changed', (context) => {
      context.relationSet(new Map([['path', '/var/log/app']]), { relationId: 0, app: true });
    });
    const before = mark(sim);
    sim.configure('app', { tick: 1 });
    sim.configure('logger', { tick: 1 });
    sim.settle();
    assert.deepEqual(lists, { 'app/0': ['logger/0'], 'logger/0': ['app/0'] });
    for (const unit of ['logger/0', 'logger/1']) {
      assert.ok(since(sim, before, unit).includes('logging-relation-changed (app app)'), unit);
    }
  });
});

describe('S20 the implicit juju-info relation', () => {
  it('runs no hook on the implicit side, which still enters scope and lists the relation', () => {
    const ids: string[][] = [];
    let bag: string[] = [];
    const script = new Script();
    const sim = new Simulator();
    script.install(sim, FIXTURES);
    sim.deploy({ application: 'plain', charm: CHARMS.plaincharm });
    sim.deploy({ application: 'logger', charm: CHARMS.logger });
    sim.settle();
    script.on('logger/0', 'juju-info-relation-changed (plain/0)', (context) => {
      bag = [...context.relationGet().keys()];
    });
    const before = mark(sim);
    assert.equal(sim.integrate('plain', 'logger').key, 'logger:juju-info plain:juju-info');
    sim.settle();
    assert.deepEqual(since(sim, before, 'plain/0'), []);
    assert.deepEqual(since(sim, before, 'logger/0'), [
      'install',
      'juju-info-relation-created (app plain)',
      'leader-elected',
      'config-changed',
      'start',
      'juju-info-relation-joined (plain/0)',
      'juju-info-relation-changed (plain/0)',
    ]);
    assert.deepEqual(bag, ['egress-subnets', 'ingress-address', 'private-address']);
    script.on('plain/0', 'config-changed', (context) => {
      ids.push(context.relationIds('juju-info'));
    });
    sim.configure('plain', { tick: 1 });
    sim.settle();
    assert.deepEqual(ids, [['juju-info:0']]);
  });

  it('selects the implicit endpoint when named, even though logging exists', () => {
    const sim = deployed();
    assert.equal(sim.integrate('app:juju-info', 'logger').key, 'logger:juju-info app:juju-info');
    sim.settle();
    assert.equal(sim.state.units.get('logger/0')?.principal, 'app/0');
  });
});

describe('S21 remove the container relation', () => {
  it('makes each subordinate destroy itself; the application stays with no units', () => {
    const sim = s19();
    const before = mark(sim);
    sim.removeRelation({ endpoints: ['app', 'logger'] });
    sim.settle();
    for (const [principal, subordinate] of [
      ['app/0', 'logger/0'],
      ['app/1', 'logger/1'],
    ] as const) {
      assert.deepEqual(since(sim, before, subordinate), [
        `logging-relation-departed (${principal}, dep=${subordinate})`,
        'logging-relation-broken (app app)',
        'stop',
        'remove',
      ]);
      assert.deepEqual(since(sim, before, principal), [
        `logging-relation-departed (${subordinate}, dep=${subordinate})`,
        'logging-relation-broken (app logger)',
      ]);
      assert.equal(sim.state.units.has(subordinate), false);
    }
    assert.equal(sim.state.applications.has('logger'), true);
    assert.equal(sim.state.relations.size, 0);
  });
});

describe('S22 remove a principal that has a subordinate', () => {
  it('destroys the subordinate first, and becomes Dead only after it is gone', () => {
    const sim = s19();
    const before = mark(sim);
    sim.removeUnit('app/1');
    sim.settle();
    assert.deepEqual(since(sim, before, 'app/1'), [
      'logging-relation-departed (logger/1, dep=app/1)',
      'logging-relation-broken (app logger)',
      'stop',
      'remove',
    ]);
    assert.deepEqual(since(sim, before, 'logger/1'), [
      'logging-relation-departed (app/1, dep=logger/1)',
      'logging-relation-broken (app app)',
      'stop',
      'remove',
    ]);
    assert.equal(sim.state.units.has('app/1'), false);
    assert.equal(sim.state.units.has('logger/1'), false);
    assert.deepEqual(since(sim, before, 'app/0'), []);
    assert.deepEqual(since(sim, before, 'logger/0'), []);
  });
});
