/**
 * The framework's dispatch rules (spec/ops-api.md §3.3, §3.4): observers run in order on a copy
 * restored from the event's snapshot; deferred events come back first in the next hook, in the
 * order they were first queued, with their ids; equal events are queued once; nothing survives
 * a hook that does not commit; stored state persists and rolls back likewise.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { EventBase, ObjectEvents } from './events.js';
import { Framework } from './framework.js';
import type { FrameworkLogLevel } from './framework.js';
import { FrameworkObject } from './framework-object.js';
import { StoredState } from './stored-state.js';
import { ValueEvent } from '../test-support/value-event.js';
import { MemoryUnitStateStore } from './unit-state.js';

class StopEvent extends EventBase {
  static override readonly deferrable = false;
}

/** A charm-like root with two events, a stored state and a log of what its handlers saw. */
class Demo extends FrameworkObject {
  readonly on = new ObjectEvents(this);
  readonly configChanged = this.on.defineEvent('config_changed', ValueEvent);
  readonly start = this.on.defineEvent('start', ValueEvent);
  readonly stop = this.on.defineEvent('stop', StopEvent);
  readonly stored = new StoredState(this, '_stored', { runs: 0, seen: [] as string[] });
  readonly seen: string[] = [];
  deferring = new Set<string>();

  constructor(framework: Framework) {
    super(framework);
    framework.observe(this.configChanged, this.onConfigChanged);
    framework.observe(this.start, this.onStart);
  }

  private readonly onConfigChanged = (event: ValueEvent): void => {
    this.seen.push(`config ${event.handle.path} ${event.value}`);
    if (this.deferring.has('config')) event.defer();
  };

  private readonly onStart = (event: ValueEvent): void => {
    this.seen.push(`start ${event.handle.path}`);
    if (this.deferring.has('start')) event.defer();
  };
}

/** One hook's run: a framework on `store`, the charm built in it. */
async function hook(store: MemoryUnitStateStore, log: string[] = []) {
  const framework = await Framework.load({
    store,
    log: (level: FrameworkLogLevel, message: string) => log.push(`${level} ${message}`),
  });
  return { framework, charm: new Demo(framework) };
}

describe('Framework', () => {
  it('names objects and events by handle path, and refuses two live objects with one path', async () => {
    const { framework, charm } = await hook(new MemoryUnitStateStore());
    assert.equal(charm.handle.path, 'Demo');
    assert.equal(charm.on.handle.path, 'Demo/on');
    assert.equal(charm.stored.path, 'Demo/StoredStateData[_stored]');
    assert.throws(() => new Demo(framework), {
      message: 'two objects claiming to be Demo have been created; give each a different key',
    });
  });

  it('hands each observer a copy restored from the snapshot, in the order observed', async () => {
    const { framework, charm } = await hook(new MemoryUnitStateStore());
    const received: ValueEvent[] = [];
    framework.observe(charm.configChanged, (event) => {
      received.push(event);
    });
    await charm.configChanged.emit('a');
    assert.deepEqual(charm.seen, ['config Demo/on/config_changed[1] a']);
    assert.equal(received[0]?.value, 'a');
    assert.ok(received[0] instanceof ValueEvent);
    assert.deepEqual(framework.deferredEvents(), []);
  });

  it('re-emits deferred events first in the next hook, in queue order, with their ids', async () => {
    const store = new MemoryUnitStateStore();
    const first = await hook(store);
    first.charm.deferring = new Set(['config', 'start']);
    await first.charm.configChanged.emit('x');
    await first.charm.start.emit();
    assert.deepEqual(first.framework.deferredEvents(), [
      { eventPath: 'Demo/on/config_changed[1]', observer: 'onConfigChanged' },
      { eventPath: 'Demo/on/start[2]', observer: 'onStart' },
    ]);
    await first.framework.commit();

    const second = await hook(store);
    second.charm.deferring = new Set(['config']);
    await second.framework.reemit();
    await second.charm.start.emit();
    assert.deepEqual(second.charm.seen, [
      'config Demo/on/config_changed[1] x',
      'start Demo/on/start[2]',
      'start Demo/on/start[3]',
    ]);
    // Deferred again, the config event keeps its place and id; the start event is gone.
    assert.deepEqual(second.framework.deferredEvents(), [
      { eventPath: 'Demo/on/config_changed[1]', observer: 'onConfigChanged' },
    ]);
    await second.framework.commit();
    assert.deepEqual(Object.keys(store.saved.snapshots).sort(), [
      'Demo/StoredStateData[_stored]',
      'Demo/on/config_changed[1]',
    ]);
    assert.equal(store.saved.eventCount, 3);
  });

  it('queues an event equal to one already deferred only once', async () => {
    const store = new MemoryUnitStateStore();
    const { framework, charm } = await hook(store);
    charm.deferring = new Set(['config']);
    await charm.configChanged.emit('same');
    await charm.configChanged.emit('same');
    await charm.configChanged.emit('other');
    assert.deepEqual(charm.seen, [
      'config Demo/on/config_changed[1] same',
      'config Demo/on/config_changed[3] other',
    ]);
    assert.equal(framework.deferredEvents().length, 2);
  });

  it('tells apart equal events of emitters with different keys', async () => {
    const { framework, charm } = await hook(new MemoryUnitStateStore());
    class Lib extends FrameworkObject {
      readonly on = new ObjectEvents(this);
      readonly ready = this.on.defineEvent('ready', ValueEvent);
    }
    const a = new Lib(charm, 'a');
    const b = new Lib(charm, 'b');
    for (const lib of [a, b])
      framework.observe(lib.ready, (event) => {
        event.defer();
      });
    await a.ready.emit('v');
    await b.ready.emit('v');
    assert.deepEqual(
      framework.deferredEvents().map((deferred) => deferred.eventPath),
      ['Demo/Lib[a]/on/ready[1]', 'Demo/Lib[b]/on/ready[2]'],
    );
  });

  it('refuses to defer an event that cannot be deferred', async () => {
    const { framework, charm } = await hook(new MemoryUnitStateStore());
    framework.observe(charm.stop, (event) => {
      event.defer();
    });
    await assert.rejects(charm.stop.emit(), {
      message: 'cannot defer Demo/on/stop[1]: StopEvent events cannot be deferred',
    });
  });

  it('runs custom events nested inside the handler that emits them', async () => {
    const { framework, charm } = await hook(new MemoryUnitStateStore());
    const order: string[] = [];
    framework.observe(charm.start, async () => {
      order.push('start begins');
      await charm.configChanged.emit('nested');
      order.push('start ends');
    });
    framework.observe(charm.configChanged, () => order.push('config'));
    await charm.start.emit();
    assert.deepEqual(order, ['start begins', 'config', 'start ends']);
  });

  it('drops a deferred event whose observer is gone, with a warning', async () => {
    const store = new MemoryUnitStateStore();
    const first = await hook(store);
    observeDeferring(first.framework, first.charm);
    await first.charm.start.emit();
    await first.framework.commit();
    const log: string[] = [];
    const second = await hook(store, log);
    await second.framework.reemit();
    assert.deepEqual(second.framework.deferredEvents(), []);
    assert.deepEqual(log, [
      'WARNING dropping Demo/on/start[1]: its observer keepForLater is not registered',
    ]);
  });

  it('keeps stored state across hooks and rolls it back with a hook that does not commit', async () => {
    const store = new MemoryUnitStateStore();
    const first = await hook(store);
    first.charm.stored.data.runs += 1;
    first.charm.stored.data.seen.push('first');
    await first.framework.commit();
    const failed = await hook(store);
    failed.charm.stored.data.runs += 10;
    failed.charm.deferring = new Set(['start']);
    await failed.charm.start.emit();
    // No commit: the hook failed.
    const third = await hook(store);
    assert.deepEqual(third.charm.stored.data, { runs: 1, seen: ['first'] });
    assert.deepEqual(third.framework.deferredEvents(), []);
  });

  it('refuses to save stored data JSON cannot hold, naming where it is', async () => {
    const { framework, charm } = await hook(new MemoryUnitStateStore());
    (charm.stored.data as Record<string, unknown>).when = new Date(0);
    await assert.rejects(framework.commit(), {
      message:
        'cannot save Demo/StoredStateData[_stored]: data.when is a class instance; store only strings, finite numbers, booleans, null, arrays and plain objects',
    });
  });
});

/** Observes `start` with a handler that defers and only exists in this hook. */
function observeDeferring(framework: Framework, charm: Demo): void {
  const keepForLater = (event: EventBase): void => {
    event.defer();
  };
  framework.observe(charm.start, keepForLater);
}
