/**
 * The framework (ops's Framework): the object tree's registry, observers, the queue of deferred
 * events and the unit state they live in. Every emission goes through the queue, as in ops: the
 * event is snapshotted, a notice is queued per observer, and each observer gets a fresh copy
 * restored from the snapshot; a notice is dropped unless its handler deferred the event.
 * Nothing reaches the unit state's store before `commit`, so a failed hook changes nothing.
 */

import type { BoundEvent, EventBase, EventSnapshot, EventType } from './events.js';
import type { CharmMetadata } from '@loom/core';

import type { Model } from '../model/model.js';
import type { FrameworkObject } from './framework-object.js';
import { Handle } from './handle.js';
import { jsonEqual } from './json-equal.js';
import type { JsonValue, Notice, UnitState, UnitStateStore } from './unit-state.js';

/** Levels of the framework's own log lines (juju-log's). */
export type FrameworkLogLevel = 'DEBUG' | 'INFO' | 'WARNING' | 'ERROR';

/** What the framework needs from its host. */
export interface FrameworkOptions {
  readonly store: UnitStateStore;
  readonly log?: (level: FrameworkLogLevel, message: string) => void;
}

/** A handler of an event; it may be async. */
export type EventHandler<E extends EventBase> = (event: E) => unknown;

/** One deferred (event, observer) pair, as `deferredEvents()` lists them. */
export interface DeferredEvent {
  readonly eventPath: string;
  readonly observer: string;
}

interface Observer {
  readonly key: string;
  readonly handler: EventHandler<EventBase>;
}

/** The framework of one hook's run. Build it with `Framework.load`. */
export class Framework {
  /** The model of this hook, set by `main` before the charm is built; undefined in bare tests. */
  model: Model | undefined;
  /** The charm's metadata, set by `main` before the charm is built. */
  meta: CharmMetadata | undefined;
  private eventCount: number;
  private nextSequence: number;
  private readonly snapshots: Map<string, JsonValue>;
  private notices: Notice[];
  private readonly objects = new Map<string, FrameworkObject>();
  private readonly observers = new Map<string, Observer[]>();
  private readonly eventTypes = new Map<string, EventType<EventBase, unknown[]>>();
  private readonly beforeCommit: (() => void)[] = [];
  private readonly storedPaths = new Set<string>();
  private readonly log: (level: FrameworkLogLevel, message: string) => void;

  private constructor(
    private readonly store: UnitStateStore,
    state: UnitState,
    log: FrameworkOptions['log'],
  ) {
    this.eventCount = state.eventCount;
    this.nextSequence = state.nextSequence;
    this.snapshots = new Map(Object.entries(state.snapshots));
    this.notices = [...state.notices];
    this.log = log ?? (() => undefined);
  }

  /** Loads the unit state and returns a framework working on a copy of it. */
  static async load(options: FrameworkOptions): Promise<Framework> {
    return new Framework(options.store, await options.store.load(), options.log);
  }

  /**
   * Records a live object of the tree.
   *
   * @throws Error when another live object has the same path.
   */
  track(object: FrameworkObject): void {
    const path = object.handle.path;
    if (this.objects.has(path)) {
      throw new Error(
        `two objects claiming to be ${path} have been created; give each a different key`,
      );
    }
    this.objects.set(path, object);
  }

  /** Records the class of the events `kind` of the emitter at `emitterPath`, to restore them. */
  registerEventType(
    emitterPath: string,
    kind: string,
    type: EventType<EventBase, unknown[]>,
  ): void {
    this.eventTypes.set(sourceKey(emitterPath, kind), type);
  }

  /** The next event number; the counter persists across hooks. */
  nextEventKey(): number {
    this.eventCount += 1;
    return this.eventCount;
  }

  /**
   * Calls `handler` with each event `event` fires. Observers run in the order they were added.
   * A deferred event is handed back to the observer with the same key in a later hook: the
   * handler's name (`onInstall`), numbered if one event has several handlers of one name, or
   * `options.key`.
   *
   * @example
   * this.framework.observe(this.on.install, this.onInstall);
   */
  observe<E extends EventBase, A extends unknown[]>(
    event: BoundEvent<E, A>,
    handler: EventHandler<E>,
    options: { readonly key?: string } = {},
  ): void {
    const source = sourceKey(event.emitter.handle.path, event.kind);
    const observers = this.observers.get(source) ?? [];
    const name = options.key ?? (handler.name.replace(/^bound /, '') || 'handler');
    const taken = observers.filter((observer) => observer.key.split('#')[0] === name).length;
    const key = taken === 0 ? name : `${name}#${taken + 1}`;
    observers.push({ key, handler: handler as EventHandler<EventBase> });
    this.observers.set(source, observers);
  }

  /** Whether anything observes `event`. */
  isObserved(event: BoundEvent<EventBase>): boolean {
    return (this.observers.get(sourceKey(event.emitter.handle.path, event.kind))?.length ?? 0) > 0;
  }

  /**
   * Queues `event` for every observer of its kind and runs them now. A notice equal to one
   * already queued (same observer, same event kind, equal data) is not queued again, so a charm
   * that keeps deferring keeps one copy.
   */
  async emit<E extends EventBase, A extends unknown[]>(
    bound: BoundEvent<E, A>,
    event: E,
  ): Promise<void> {
    const source = sourceKey(bound.emitter.handle.path, bound.kind);
    const observers = this.observers.get(source) ?? [];
    if (observers.length === 0) return;
    const snapshot = checkedSnapshot(event);
    const eventPath = event.handle.path;
    let queued = false;
    for (const observer of observers) {
      const duplicate = this.notices.some(
        (notice) =>
          notice.observer === observer.key &&
          sourceOf(notice.eventPath) === source &&
          jsonEqual(this.snapshots.get(notice.eventPath), snapshot),
      );
      if (duplicate) {
        this.log(
          'DEBUG',
          `not queueing ${eventPath} for ${observer.key}: an equal event is queued`,
        );
        continue;
      }
      this.notices.push({ sequence: this.nextSequence, eventPath, observer: observer.key });
      this.nextSequence += 1;
      queued = true;
    }
    if (!queued) return;
    this.snapshots.set(eventPath, snapshot);
    await this.runNotices((notice) => notice.eventPath === eventPath);
  }

  /** Hands every queued event to its observer again, in the order they were first queued. */
  async reemit(): Promise<void> {
    await this.runNotices(() => true);
  }

  /** The deferred events waiting for a later hook, in queue order. */
  deferredEvents(): readonly DeferredEvent[] {
    return this.notices.map(({ eventPath, observer }) => ({ eventPath, observer }));
  }

  /** The snapshot saved under `path` (stored state), if any. */
  storedSnapshot(path: string): JsonValue | undefined {
    return this.snapshots.get(path);
  }

  /**
   * Runs `save` at commit, before the unit state is written: stored state puts its data there.
   * `path` must be unique.
   *
   * @throws Error when another stored state already saves under `path`.
   */
  saveAtCommit(path: string, save: () => JsonValue): void {
    if (this.storedPaths.has(path)) throw new Error(`two stored states claim ${path}`);
    this.storedPaths.add(path);
    this.beforeCommit.push(() => {
      this.snapshots.set(path, save());
    });
  }

  /** Writes the unit state: stored state, the deferred events and the event counter. */
  async commit(): Promise<void> {
    for (const save of this.beforeCommit) save();
    await this.store.save({
      eventCount: this.eventCount,
      nextSequence: this.nextSequence,
      snapshots: Object.fromEntries(this.snapshots),
      notices: this.notices,
    });
  }

  private async runNotices(selected: (notice: Notice) => boolean): Promise<void> {
    for (const notice of this.notices.filter(selected)) {
      if (!this.notices.includes(notice)) continue;
      const source = sourceOf(notice.eventPath);
      const type = this.eventTypes.get(source);
      const observer = this.observers
        .get(source)
        ?.find((candidate) => candidate.key === notice.observer);
      if (type === undefined || observer === undefined) {
        if (type !== undefined)
          this.log(
            'WARNING',
            `dropping ${notice.eventPath}: its observer ${notice.observer} is not registered`,
          );
        this.drop(notice);
        continue;
      }
      const event = restoredEvent(
        type,
        Handle.fromPath(notice.eventPath),
        this,
        this.snapshots.get(notice.eventPath),
      );
      await event.prepare();
      await observer.handler(event);
      if (!event.deferred) this.drop(notice);
    }
  }

  private drop(notice: Notice): void {
    this.notices = this.notices.filter((candidate) => candidate !== notice);
    if (!this.notices.some((candidate) => candidate.eventPath === notice.eventPath))
      this.snapshots.delete(notice.eventPath);
  }
}

/** `<emitter path>|<kind>`: what observers and event types are filed under. */
function sourceKey(emitterPath: string, kind: string): string {
  return `${emitterPath}|${kind}`;
}

/** The source of an event path: its emitter's path and its kind (the last segment's). */
function sourceOf(eventPath: string): string {
  const handle = Handle.fromPath(eventPath);
  return sourceKey(handle.parent?.path ?? '', handle.kind);
}

/** A fresh event from its snapshot, as ops restores one for each observer. */
function restoredEvent(
  type: EventType<EventBase, unknown[]>,
  handle: Handle,
  framework: Framework,
  snapshot: JsonValue | undefined,
): EventBase {
  const event = Object.create(type.prototype as object) as EventBase;
  Object.assign(event, { handle, framework, deferred: false });
  event.restore((snapshot ?? {}) as EventSnapshot);
  return event;
}

/** The event's snapshot, checked to be plain JSON data. */
function checkedSnapshot(event: EventBase): EventSnapshot {
  const snapshot = event.snapshot();
  if (!jsonEqual(JSON.parse(JSON.stringify(snapshot)), snapshot)) {
    throw new Error(
      `the snapshot of ${event.handle.path} is not plain JSON data; return strings, numbers, booleans, null, arrays and objects from snapshot()`,
    );
  }
  return snapshot;
}
