/**
 * Spec §9.2 (S11–S18): peer relations and leadership.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { HookToolError } from '../hook-context/hook-tool-error.js';
import { CHARMS, FIXTURE_CHARM_NAMES } from '../test-support/scenario-charms.js';
import { mark, recordsSince, Script, since } from '../test-support/scripted-charm.js';
import { Simulator } from './simulator.js';

const FIXTURES = FIXTURE_CHARM_NAMES;

/** S11: clustercharm deployed as `cluster` with three units, settled; then the script takes over. */
function cluster(script = new Script(), during?: Script): Simulator {
  const sim = new Simulator();
  during?.install(sim, FIXTURES);
  sim.deploy({ application: 'cluster', charm: CHARMS.clustercharm, numUnits: 3 });
  sim.settle();
  script.install(sim, FIXTURES);
  return sim;
}

function joinedChanged(...units: string[]): string[] {
  return units.flatMap((unit) => [
    `replicas-relation-joined (${unit})`,
    `replicas-relation-changed (${unit})`,
  ]);
}

describe('S11 peers with three units', () => {
  it('creates the peer relation before any unit, and runs the start-up and joins of R5.4', () => {
    const sim = new Simulator();
    const { peerRelations } = sim.deploy({
      application: 'cluster',
      charm: CHARMS.clustercharm,
      numUnits: 3,
    });
    assert.deepEqual(peerRelations, [0]);
    assert.equal(sim.state.relations.get(0)?.key, 'cluster:replicas');
    sim.settle();
    const start = (election: string) => [
      'install',
      'replicas-relation-created (app cluster)',
      election,
      'config-changed',
      'start',
    ];
    assert.deepEqual(since(sim, new Map(), 'cluster/0'), [
      ...start('leader-elected'),
      ...joinedChanged('cluster/1', 'cluster/2'),
    ]);
    assert.deepEqual(since(sim, new Map(), 'cluster/1'), [
      ...start('leader-settings-changed'),
      ...joinedChanged('cluster/0', 'cluster/2'),
    ]);
    assert.deepEqual(since(sim, new Map(), 'cluster/2'), [
      ...start('leader-settings-changed'),
      ...joinedChanged('cluster/0', 'cluster/1'),
    ]);
    const created = sim.hooks('cluster/1')[1];
    assert.deepEqual(
      [created?.environment.JUJU_REMOTE_APP, created?.environment.JUJU_RELATION_ID],
      ['cluster', 'replicas:0'],
    );
  });
});

describe('S12 the leader writes the peer application bag', () => {
  it('notifies all three units, the leader included, before their pending joins', () => {
    const read: Record<string, string | undefined> = {};
    const during = new Script().on('cluster/0', 'leader-elected', (context) => {
      context.relationSet(new Map([['leader-ip', '10.1.1.1']]), { relationId: 0, app: true });
    });
    for (const unit of ['cluster/0', 'cluster/1', 'cluster/2']) {
      during.on(unit, 'replicas-relation-changed (app cluster)', (context) => {
        read[unit] = context.relationGet({
          relationId: 0,
          app: true,
          target: 'cluster',
          key: 'leader-ip',
        });
      });
    }
    const sim = cluster(new Script(), during);
    assert.deepEqual(since(sim, new Map(), 'cluster/0').slice(4, 6), [
      'start',
      'replicas-relation-changed (app cluster)',
    ]);
    for (const unit of ['cluster/1', 'cluster/2']) {
      const hooks = since(sim, new Map(), unit);
      const changed = hooks.indexOf('replicas-relation-changed (app cluster)');
      assert.ok(changed > hooks.indexOf('start'), `${unit}: ${hooks.join(', ')}`);
      assert.ok(
        changed < hooks.lastIndexOf('replicas-relation-joined (cluster/0)') ||
          !hooks.slice(changed).some((h) => h.includes('joined')),
      );
    }
    assert.deepEqual(read, {
      'cluster/0': '10.1.1.1',
      'cluster/1': '10.1.1.1',
      'cluster/2': '10.1.1.1',
    });
  });
});

describe('S13 a peer unit-bag write', () => {
  it('notifies the other peers only', () => {
    const script = new Script();
    const sim = cluster(script);
    script.on('cluster/1', 'config-changed', (context) => {
      context.relationSet(new Map([['ready', 'true']]), { relationId: 0 });
    });
    const before = mark(sim);
    sim.configure('cluster', { tick: 1 });
    sim.settle();
    assert.deepEqual(since(sim, before, 'cluster/0'), [
      'config-changed',
      'replicas-relation-changed (cluster/1)',
    ]);
    assert.deepEqual(since(sim, before, 'cluster/2'), [
      'config-changed',
      'replicas-relation-changed (cluster/1)',
    ]);
    assert.deepEqual(since(sim, before, 'cluster/1'), ['config-changed']);
  });
});

describe('S14 remove a peer unit', () => {
  it('departs everywhere, and runs no -broken for the peer relation (R5.16)', () => {
    const sim = cluster();
    const before = mark(sim);
    sim.removeUnit('cluster/2');
    sim.settle();
    assert.deepEqual(since(sim, before, 'cluster/0'), [
      'replicas-relation-departed (cluster/2, dep=cluster/2)',
    ]);
    assert.deepEqual(since(sim, before, 'cluster/1'), [
      'replicas-relation-departed (cluster/2, dep=cluster/2)',
    ]);
    assert.deepEqual(since(sim, before, 'cluster/2'), [
      'replicas-relation-departed (cluster/0, dep=cluster/2)',
      'replicas-relation-departed (cluster/1, dep=cluster/2)',
      'stop',
      'remove',
    ]);
    assert.equal(sim.state.units.has('cluster/2'), false);
    assert.equal(sim.state.relations.get(0)?.unitCount, 2);
  });

  it('runs -broken for peers too with the peerRelationBroken switch', () => {
    const sim = new Simulator({ compatibility: { peerRelationBroken: true } });
    sim.deploy({ application: 'cluster', charm: CHARMS.clustercharm, numUnits: 2 });
    sim.settle();
    const before = mark(sim);
    sim.removeUnit('cluster/1');
    sim.settle();
    assert.deepEqual(since(sim, before, 'cluster/1'), [
      'replicas-relation-departed (cluster/0, dep=cluster/1)',
      'replicas-relation-broken (app cluster)',
      'stop',
      'remove',
    ]);
  });
});

describe('S15 leader change', () => {
  it('keeps the dying leader leading through its teardown, then elects a survivor', () => {
    const leading: boolean[] = [];
    const script = new Script();
    const sim = cluster(script);
    for (const hook of [
      'replicas-relation-departed (cluster/1, dep=cluster/0)',
      'stop',
      'remove',
    ]) {
      script.on('cluster/0', hook, (context) => {
        leading.push(context.isLeader());
      });
    }
    const before = mark(sim);
    sim.removeUnit('cluster/0');
    sim.settle();
    assert.deepEqual(since(sim, before, 'cluster/0'), [
      'replicas-relation-departed (cluster/1, dep=cluster/0)',
      'replicas-relation-departed (cluster/2, dep=cluster/0)',
      'stop',
      'remove',
    ]);
    assert.deepEqual(leading, [true, true, true]);
    assert.deepEqual(since(sim, before, 'cluster/1'), [
      'replicas-relation-departed (cluster/0, dep=cluster/0)',
      'leader-elected',
    ]);
    assert.deepEqual(since(sim, before, 'cluster/2'), [
      'replicas-relation-departed (cluster/0, dep=cluster/0)',
    ]);
    assert.equal(sim.state.leaders.get('cluster'), 'cluster/1');
  });

  it('keeps the peer application bag and lets only the new leader write it', () => {
    const during = new Script().on('cluster/0', 'leader-elected', (context) => {
      context.relationSet(new Map([['leader-ip', '10.1.1.1']]), { relationId: 0, app: true });
    });
    const script = new Script();
    const sim = cluster(script, during);
    sim.removeUnit('cluster/0');
    sim.settle();
    const outcomes: string[] = [];
    for (const unit of ['cluster/1', 'cluster/2']) {
      script.on(unit, 'config-changed', (context) => {
        try {
          context.relationSet(new Map([['leader-ip', unit]]), { relationId: 0, app: true });
          outcomes.push(`${unit}: written`);
        } catch (error) {
          outcomes.push(`${unit}: ${(error as Error).message}`);
        }
      });
    }
    assert.equal(
      sim.state.bags.get(0)?.applications.get('cluster')?.values.get('leader-ip'),
      '10.1.1.1',
    );
    sim.configure('cluster', { tick: 1 });
    sim.settle();
    assert.deepEqual(outcomes.sort(), [
      'cluster/1: written',
      'cluster/2: cannot write relation settings',
    ]);
  });
});

describe('S16 leader settings', () => {
  it('reach non-leaders as leader-settings-changed for real changes only; non-leaders cannot write', () => {
    const script = new Script();
    const sim = cluster(script);
    script
      .on('cluster/0', 'config-changed', (context) => {
        void context.leaderSet(new Map([['mode', 'ha']]));
      })
      .on(
        'cluster/0',
        'config-changed',
        (context) => {
          void context.leaderSet(new Map([['mode', 'ha']]));
        },
        2,
      )
      .on('cluster/2', 'config-changed', (context) => {
        try {
          void context.leaderSet(new Map([['x', '1']]));
        } catch (error) {
          assert.ok(error instanceof HookToolError);
          failures.push(`${error.exitCode}:${error.message}`);
        }
      });
    const failures: string[] = [];
    const before = mark(sim);
    sim.configure('cluster', { tick: 1 });
    sim.settle();
    assert.deepEqual(since(sim, before, 'cluster/0'), ['config-changed']);
    // cluster/0 wrote before the others evaluated: both hooks were pending there, and R5.3
    // ranks leader-settings-changed (step 4) above config-changed (step 9).
    for (const unit of ['cluster/1', 'cluster/2']) {
      assert.deepEqual(since(sim, before, unit), ['leader-settings-changed', 'config-changed']);
    }
    assert.deepEqual(failures, [
      '1:cannot write leadership settings: cannot write settings: not the leader',
    ]);
    const again = mark(sim);
    sim.configure('cluster', { tick: 2 });
    sim.settle();
    assert.deepEqual(since(sim, again, 'cluster/1'), ['config-changed']);
  });
});

describe('S17 a unit added to a peer relation after data was set', () => {
  it('sees the application bag first, then joins every peer; the others join it', () => {
    const during = new Script().on('cluster/0', 'leader-elected', (context) => {
      context.relationSet(new Map([['leader-ip', '10.1.1.1']]), { relationId: 0, app: true });
    });
    const sim = cluster(new Script(), during);
    const before = mark(sim);
    assert.deepEqual(sim.addUnit({ application: 'cluster' }), ['cluster/3']);
    sim.settle();
    assert.deepEqual(since(sim, before, 'cluster/3'), [
      'install',
      'replicas-relation-created (app cluster)',
      'leader-settings-changed',
      'config-changed',
      'start',
      'replicas-relation-changed (app cluster)',
      ...joinedChanged('cluster/0', 'cluster/1', 'cluster/2'),
    ]);
    for (const unit of ['cluster/0', 'cluster/1', 'cluster/2']) {
      assert.deepEqual(since(sim, before, unit), joinedChanged('cluster/3'));
    }
  });
});

describe('S18 unit-agent restart', () => {
  it('gives a restarted non-leader one leader-settings-changed, and a restarted leader nothing', () => {
    const sim = cluster();
    const before = mark(sim);
    sim.restartAgent('cluster/1');
    sim.restartAgent('cluster/0');
    sim.settle();
    assert.deepEqual(since(sim, before, 'cluster/1'), ['leader-settings-changed']);
    assert.deepEqual(since(sim, before, 'cluster/0'), []);
    assert.deepEqual(recordsSince(sim, before, 'cluster/2'), []);
  });

  it('gives nothing with leaderSettingsChangedOnAgentStart off', () => {
    const sim = new Simulator({ compatibility: { leaderSettingsChangedOnAgentStart: false } });
    sim.deploy({ application: 'cluster', charm: CHARMS.clustercharm, numUnits: 2 });
    sim.settle();
    const before = mark(sim);
    sim.restartAgent('cluster/1');
    sim.settle();
    assert.deepEqual(since(sim, before, 'cluster/1'), []);
  });
});
