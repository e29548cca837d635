/**
 * State-transition tests on the engine: one event in, the state after it out, with the engine's
 * reads and permission checks (R4.8), departing units left out of relation-list (R7.12), writes
 * kept only when the charm returns (R4.10), deferred events and stored state carried from one
 * run to the next, and impossible states refused before anything runs.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { ActiveStatus, CharmBase, StoredState } from '@loom/ops';
import type {
  ActionEvent,
  ConfigChangedEvent,
  Framework,
  RelationChangedEvent,
  RelationDepartedEvent,
} from '@loom/ops';

import { InconsistentStateError } from './consistency.js';
import { Context, UncaughtCharmError } from './context.js';
import { peerRelation, relation, state } from './state.js';
import { demoCharmFiles } from '../test-support/demo-charm-files.js';

const CHARM = demoCharmFiles(false);

class DemoCharm extends CharmBase {
  readonly stored = new StoredState<{ urls: string[]; left: number; denied: string }>(
    this,
    'stored',
    { urls: [], left: -1, denied: '' },
  );

  constructor(framework: Framework) {
    super(framework);
    const db = this.on.relation('db');
    framework.observe(db.changed, this.onDbChanged);
    framework.observe(db.departed, this.onDbDeparted);
    framework.observe(this.on.configChanged, this.onConfigChanged);
    framework.observe(this.on.action('greet'), this.onGreet);
  }

  private readonly onDbChanged = async (event: RelationChangedEvent): Promise<void> => {
    if (event.unit === undefined) return;
    const host = await event.relation.data.unit(event.unit.name).get('host');
    if (host === 'crash') throw new Error('cannot use host "crash"');
    const url = `postgres://${host ?? ''}`;
    await event.relation.data.unit(this.unit.name).set('url', url);
    this.stored.data.urls.push(url);
    try {
      await event.relation.data.app(this.app.name).set('url', url);
    } catch (error) {
      this.stored.data.denied = (error as Error).name;
    }
  };

  private readonly onDbDeparted = (event: RelationDepartedEvent): void => {
    this.stored.data.left = event.relation.units.length;
  };

  /** Waits for leadership: a follower defers. */
  private readonly onConfigChanged = async (event: ConfigChangedEvent): Promise<void> => {
    if (!(await this.unit.isLeader())) {
      event.defer();
      return;
    }
    await this.unit.setStatus(new ActiveStatus('configured'));
  };

  private readonly onGreet = async (event: ActionEvent): Promise<void> => {
    await event.setResults({ message: `hello, ${String(event.params.name)}` });
  };
}

const STORED = 'DemoCharm/StoredStateData[stored]';
const ctx = new Context(DemoCharm, { charm: CHARM });

describe('Context.run', () => {
  it('runs relation-changed with the remote bag and returns what the charm wrote and stored', async () => {
    const db = relation('db', {
      remoteAppName: 'postgresql',
      remoteUnitsData: { 0: { host: '10.0.0.4' } },
    });
    const after = await ctx.run(
      ctx.on.relationChanged(db, { remoteUnit: 0 }),
      state({ relations: [db] }),
    );
    const out = after.relations.at(0);
    assert.ok(out !== undefined);
    assert.equal(out.localUnitData.url, 'postgres://10.0.0.4');
    // The engine's own keys are in the unit's bag, as Juju puts them there (R4.4).
    assert.ok('ingress-address' in out.localUnitData);
    assert.deepEqual(after.storedStates[STORED], {
      urls: ['postgres://10.0.0.4'],
      left: -1,
      denied: 'RelationDataAccessError',
    });
  });

  it('lets a leader write the application bag', async () => {
    const db = relation('db', { remoteUnitsData: { 0: { host: 'h' } } });
    const after = await ctx.run(
      ctx.on.relationChanged(db, { remoteUnit: 0 }),
      state({ leader: true, relations: [db] }),
    );
    assert.equal(after.relations[0]?.localAppData.url, 'postgres://h');
  });

  it('leaves the departing unit out of relation-list during relation-departed (R7.12)', async () => {
    const db = relation('db', { remoteUnitsData: { 0: {}, 1: {} } });
    const after = await ctx.run(
      ctx.on.relationDeparted(db, { remoteUnit: 1 }),
      state({ relations: [db] }),
    );
    assert.equal((after.storedStates[STORED] as { left: number }).left, 1);
  });

  it('keeps nothing the charm buffered when it throws, and says which event, unit and stack', async () => {
    const db = relation('db', { remoteUnitsData: { 0: { host: 'crash' } } });
    await assert.rejects(
      ctx.run(ctx.on.relationChanged(db, { remoteUnit: 0 }), state({ relations: [db] })),
      (error: unknown) => {
        assert.ok(error instanceof UncaughtCharmError);
        assert.equal(error.unit, 'demo/0');
        assert.equal(error.event, 'db-relation-changed');
        assert.match(
          error.message,
          /^demo\/0: db-relation-changed failed: Error: cannot use host "crash"\n {4}at /,
        );
        return true;
      },
    );
  });

  it('carries deferred events and stored state from one run to the next', async () => {
    const first = await ctx.run(ctx.on.configChanged(), state({ config: { greeting: 'hi' } }));
    assert.deepEqual(
      first.deferred.map((notice) => notice.observer),
      ['onConfigChanged'],
    );
    const second = await ctx.run(ctx.on.updateStatus(), { ...first, leader: true });
    assert.deepEqual(second.deferred, []);
    assert.deepEqual(second.unitStatus, { current: 'active', message: 'configured' });
  });

  it('runs actions and keeps their results', async () => {
    await ctx.run(ctx.on.action('greet', { name: 'world' }), state());
    assert.deepEqual(ctx.actionOutput?.results, { message: 'hello, world' });
  });

  it('refuses states and events that cannot happen, before running anything', async () => {
    const db = relation('db');
    const cases: [() => Promise<unknown>, RegExp][] = [
      [
        () => ctx.run(ctx.on.install(), state({ config: { colour: 'red' } })),
        /config "colour" is not an option of demo; its options: greeting/,
      ],
      [() => ctx.run(ctx.on.install(), state({ config: { greeting: 3 } })), /the state's config: /],
      [
        () => ctx.run(ctx.on.install(), state({ relations: [relation('cache')] })),
        /declares no such endpoint; it declares: db, replicas/,
      ],
      [
        () => ctx.run(ctx.on.install(), state({ relations: [relation('replicas')] })),
        /"replicas" is a peer endpoint: describe it with peerRelation\(\)/,
      ],
      [
        () =>
          ctx.run(
            ctx.on.install(),
            state({ relations: [peerRelation('replicas', { peersData: { 2: {} } })] }),
          ),
        /leaves a gap; use 1/,
      ],
      [() => ctx.run(ctx.on.relationChanged(db), state()), /relation "db" is not in the state/],
      [
        () =>
          ctx.run(
            ctx.on.relationJoined(relation('db', { remoteUnitsData: { 0: {}, 1: {} } })),
            state({ relations: [] }),
          ),
        /not in the state/,
      ],
      [
        () => ctx.run(ctx.on.action('wave'), state()),
        /action "wave" is not declared by demo; it declares: greet/,
      ],
    ];
    for (const [run, message] of cases)
      await assert.rejects(run(), (error: unknown) => {
        assert.ok(error instanceof InconsistentStateError, String(error));
        assert.match(error.message, message);
        return true;
      });
    const two = relation('db', { remoteUnitsData: { 0: {}, 1: {} } });
    await assert.rejects(
      ctx.run(ctx.on.relationJoined(two), state({ relations: [two] })),
      /relation-joined needs the remote unit: give remoteUnit \(one of 0, 1\)/,
    );
  });
});
