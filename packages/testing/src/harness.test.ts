/**
 * The Harness fires the engine's events, where ops's Harness is known to differ
 * (spec/ops-api.md §6, pain point 2): the initial hooks in R5.4's leader and non-leader orders,
 * joined then changed when a remote unit is added (R5.8), the peer relation from deploy (R2.5),
 * permission errors raised inside handlers as in production (R4.8), a failed hook's writes and
 * stored state rolled back (R4.10, R5.22), and actions with their results, logs and failures.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { ActiveStatus, CharmBase, StoredState } from '@loom/ops';
import type { ActionEvent, Framework, RelationChangedEvent, RelationJoinedEvent } from '@loom/ops';

import { Harness, HarnessError } from './harness.js';
import { ActionFailed, ActionParamsError } from './run-action.js';
import { demoCharmFiles } from './test-support/demo-charm-files.js';

const CHARM = demoCharmFiles(true);

class DemoCharm extends CharmBase {
  readonly stored = new StoredState<{
    urls: string[];
    denied: string;
    greeting: string;
    address: string;
  }>(this, 'stored', { urls: [], denied: '', greeting: '', address: '' });

  constructor(framework: Framework) {
    super(framework);
    const db = this.on.relation('db');
    framework.observe(db.joined, this.onDbJoined);
    framework.observe(db.changed, this.onDbChanged);
    framework.observe(this.on.configChanged, this.onConfigChanged);
    framework.observe(this.on.action('greet'), this.onGreet);
  }

  /** Tries to write the remote unit's bag, which Juju forbids. */
  private readonly onDbJoined = async (event: RelationJoinedEvent): Promise<void> => {
    try {
      await event.relation.data.unit(event.unit?.name ?? '').set('x', 'y');
    } catch (error) {
      this.stored.data.denied = (error as Error).name;
    }
  };

  private readonly onDbChanged = async (event: RelationChangedEvent): Promise<void> => {
    if (event.unit === undefined) return;
    const host = await event.relation.data.unit(event.unit.name).get('host');
    if (host === undefined) return;
    const url = `postgres://${host}`;
    await event.relation.data.unit(this.unit.name).set('url', url);
    this.stored.data.urls.push(url);
    this.stored.data.address = (await this.model.network('db')).ingressAddress ?? '';
  };

  private readonly onConfigChanged = async (): Promise<void> => {
    const greeting = (await this.model.config()).string('greeting') ?? '';
    this.stored.data.greeting = greeting;
    await this.unit.setStatus(new ActiveStatus(greeting));
    if (greeting === 'boom') throw new Error('cannot greet with boom');
  };

  private readonly onGreet = async (event: ActionEvent): Promise<void> => {
    const name = String(event.params.name);
    await event.log(`greeting ${name}`);
    if (name === 'nobody') {
      await event.fail('nobody to greet');
      return;
    }
    await event.setResults({ message: `${this.stored.data.greeting}, ${name}` });
  };
}

const STORED = 'DemoCharm/StoredStateData[stored]';
const stored = (harness: Harness) => harness.storedState(STORED) as DemoCharm['stored']['data'];

describe('Harness', () => {
  it('runs the initial hooks of a leader in the engine order (R5.4)', async () => {
    const harness = Harness.create(DemoCharm, { charm: CHARM, leader: true });
    await harness.beginWithInitialHooks();
    assert.deepEqual(harness.hooks(), [
      'install',
      'replicas-relation-created (app demo)',
      'leader-elected',
      'config-changed',
      'start',
    ]);
    assert.equal(harness.isLeader(), true);
  });

  it('runs the initial hooks of a non-leader in the engine order: leader-settings-changed, and the leader as a peer (R5.4)', async () => {
    const harness = Harness.create(DemoCharm, { charm: CHARM });
    await harness.beginWithInitialHooks();
    assert.deepEqual(harness.hooks(), [
      'install',
      'replicas-relation-created (app demo)',
      'leader-settings-changed',
      'config-changed',
      'start',
      'replicas-relation-joined (demo/1)',
      'replicas-relation-changed (demo/1)',
    ]);
    assert.equal(harness.isLeader(), false);
    await harness.setLeader(true);
    assert.equal(harness.hooks().at(-1), 'leader-elected');
    const hooks = harness.hooks().length;
    await harness.setLeader(false);
    assert.equal(harness.isLeader(), false);
    // Losing leadership runs no hook (R5.21: the uniter resigns, leader-deposed is gone).
    assert.equal(harness.hooks().length, hooks);
  });

  it('has the peer relation from deploy, and refuses to add it again (R2.5)', async () => {
    const harness = Harness.create(DemoCharm, { charm: CHARM, leader: true });
    await harness.beginWithInitialHooks();
    assert.equal(harness.relationId('replicas'), 0);
    await assert.rejects(harness.addRelation('replicas', 'other'), HarnessError);
  });

  it('gives joined then changed when a remote unit is added, and the charm answers (R5.8)', async () => {
    const harness = Harness.create(DemoCharm, { charm: CHARM, leader: true });
    await harness.beginWithInitialHooks();
    const id = await harness.addRelation('db', 'postgresql');
    await harness.addRelationUnit(id, 'postgresql/0');
    assert.deepEqual(harness.hooks().slice(5), [
      'db-relation-created (app postgresql)',
      'db-relation-joined (postgresql/0)',
      'db-relation-changed (postgresql/0)',
    ]);
    await harness.updateRelationData(id, 'postgresql/0', { host: '10.0.0.4' });
    assert.equal(harness.hooks().at(-1), 'db-relation-changed (postgresql/0)');
    assert.deepEqual(harness.getRelationData(id, 'demo/0').url, 'postgres://10.0.0.4');
    assert.deepEqual(stored(harness).urls, ['postgres://10.0.0.4']);
  });

  it('raises the permission error inside the handler, as production does (R4.8)', async () => {
    const harness = Harness.create(DemoCharm, { charm: CHARM, leader: true });
    await harness.beginWithInitialHooks();
    await harness.addRelation('db', 'postgresql', { unitData: { host: '10.0.0.5' } });
    assert.equal(stored(harness).denied, 'RelationDataAccessError');
  });

  it('rolls back the relation writes and stored state of a handler that throws (R4.10, R5.22)', async () => {
    const harness = Harness.create(DemoCharm, { charm: CHARM, leader: true });
    await harness.beginWithInitialHooks();
    await assert.rejects(harness.updateConfig({ greeting: 'boom' }), /cannot greet with boom/);
    assert.equal(stored(harness).greeting, 'hello');
    // The status was set at once (R4.12): only buffered writes roll back.
    assert.deepEqual(harness.status(), { current: 'active', message: 'boom' });
  });

  it('runs actions with their results and logs, and reports fail() and bad parameters', async () => {
    const harness = Harness.create(DemoCharm, { charm: CHARM, leader: true });
    await harness.beginWithInitialHooks();
    assert.deepEqual(await harness.runAction('greet', { name: 'world' }), {
      results: { message: 'hello, world' },
      logs: ['greeting world'],
    });
    await assert.rejects(harness.runAction('greet', { name: 'nobody' }), (error: unknown) => {
      assert.ok(error instanceof ActionFailed);
      assert.equal(error.message, 'nobody to greet');
      assert.deepEqual(error.output.logs, ['greeting nobody']);
      return true;
    });
    await assert.rejects(harness.runAction('greet'), ActionParamsError);
    await assert.rejects(
      harness.runAction('greet', { name: 'a', extra: 1 }),
      /does not take "extra"/,
    );
    await assert.rejects(harness.runAction('wave'), /action "wave" is not declared by the charm/);
  });

  it('answers network-get with the address addNetwork gave', async () => {
    const harness = Harness.create(DemoCharm, { charm: CHARM, leader: true });
    harness.addNetwork('10.20.30.40', { endpoint: 'db' });
    await harness.beginWithInitialHooks();
    await harness.addRelation('db', 'postgresql', { unitData: { host: 'h' } });
    assert.equal(stored(harness).address, '10.20.30.40');
  });

  it("gives the charm object of the unit's last hook, to inspect", async () => {
    const harness = Harness.create(DemoCharm, { charm: CHARM, leader: true });
    assert.throws(() => harness.charm, HarnessError);
    await harness.beginWithInitialHooks();
    await harness.updateConfig({ greeting: 'hey' });
    const { charm } = harness;
    assert.ok(charm instanceof DemoCharm);
    assert.equal(charm.stored.data.greeting, 'hey');
    assert.equal(harness.opsModel.unit.name, 'demo/0');
  });

  it('gives departed for a removed unit, then departed and broken for a removed relation (R3.10, R3.11)', async () => {
    const harness = Harness.create(DemoCharm, { charm: CHARM, leader: true });
    await harness.beginWithInitialHooks();
    const id = await harness.addRelation('db', 'postgresql', { units: 2 });
    await harness.removeRelationUnit(id, 'postgresql/1');
    assert.equal(harness.hooks().at(-1), 'db-relation-departed (postgresql/1, dep=postgresql/1)');
    await harness.removeRelation(id);
    assert.deepEqual(harness.hooks().slice(-2), [
      'db-relation-departed (postgresql/0, dep=postgresql/0)',
      'db-relation-broken (app postgresql)',
    ]);
    await assert.rejects(harness.addRelationUnit(id, 'postgresql/2'), HarnessError);
  });
});
