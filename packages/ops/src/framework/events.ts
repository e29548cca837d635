/**
 * Events (ops's EventBase, EventSource/BoundEvent and ObjectEvents). An event set is an object
 * whose events are defined by name; `emit` numbers each event from the framework's persistent
 * counter and hands it to the framework, which runs the observers at once (nested in whatever
 * handler emitted it) and keeps the ones that defer.
 */
import type { Framework } from './framework.js';
import { FrameworkObject } from './framework-object.js';
import type { Handle } from './handle.js';
import type { JsonValue } from './unit-state.js';

/** A snapshot of an event's own data, saved while the event waits in the queue. */
export type EventSnapshot = Readonly<Record<string, JsonValue>>;

/** The base of every event. Subclasses with data override `snapshot` and `restore`. */
export class EventBase {
  /** Events of these classes cannot be deferred (ops: actions, stop, remove, lifecycle events). */
  static readonly deferrable: boolean = true;

  /** Set by `defer()`: the framework keeps this (event, observer) pair for the next hook. */
  deferred = false;

  constructor(
    readonly handle: Handle,
    readonly framework: Framework,
  ) {}

  /**
   * Asks for this event to be handed to the same observer again at the start of the next hook,
   * before that hook's own event. The handler still runs to its end now.
   *
   * @throws Error for an event that cannot be deferred.
   */
  defer(): void {
    if (!(this.constructor as typeof EventBase).deferrable) {
      throw new Error(
        `cannot defer ${this.handle.path}: ${this.constructor.name} events cannot be deferred`,
      );
    }
    this.deferred = true;
  }

  /** The event's data to save while it waits; none for events that carry nothing. */
  snapshot(): EventSnapshot {
    return {};
  }

  /**
   * Called on each restored copy before its handler runs, to fetch what the snapshot only names
   * (a relation event's Relation, an action's parameters). Nothing by default.
   */
  prepare(): Promise<void> {
    return Promise.resolve();
  }

  /** Takes back the data `snapshot` saved; events that carry nothing have nothing to take. */
  restore(_snapshot: EventSnapshot): void {
    return;
  }
}

/** An event class: built from a handle, the framework and what `emit` passes. */
export type EventType<E extends EventBase, A extends unknown[] = never[]> = new (
  handle: Handle,
  framework: Framework,
  ...args: A
) => E;

/** An event of one kind on one emitter: what `observe` takes and `emit` fires. */
export class BoundEvent<E extends EventBase, A extends unknown[] = never[]> {
  constructor(
    readonly emitter: FrameworkObject,
    readonly type: EventType<E, A>,
    readonly kind: string,
  ) {}

  /** Fires the event now; its observers have run when the promise settles. */
  emit(...args: A): Promise<void> {
    const framework = this.emitter.framework;
    const handle = this.emitter.handle.nest(this.kind, String(framework.nextEventKey()));
    return framework.emit(this, new this.type(handle, framework, ...args));
  }
}

/** A set of events on an object (`charm.on`, or a library's own `on`). */
export class ObjectEvents extends FrameworkObject {
  private readonly defined = new Map<string, BoundEvent<EventBase, unknown[]>>();

  override get handleKind(): string {
    return 'on';
  }

  /**
   * Defines an event of this set, once per name.
   *
   * @throws Error for a name that is not an identifier or is defined already.
   * @example
   * readonly dataReady = this.on.defineEvent('data_ready', DataReadyEvent);
   */
  defineEvent<E extends EventBase, A extends unknown[]>(
    kind: string,
    type: EventType<E, A>,
  ): BoundEvent<E, A> {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(kind)) {
      throw new Error(
        `cannot define event "${kind}": use letters, digits and "_", starting with a letter`,
      );
    }
    if (this.defined.has(kind))
      throw new Error(`cannot define event "${kind}": it is defined already`);
    const bound = new BoundEvent(this, type, kind);
    this.defined.set(kind, bound as unknown as BoundEvent<EventBase, unknown[]>);
    this.framework.registerEventType(
      this.handle.path,
      kind,
      type as unknown as EventType<EventBase, unknown[]>,
    );
    return bound;
  }

  /** The event named `kind`, if defined. */
  event(kind: string): BoundEvent<EventBase, unknown[]> | undefined {
    return this.defined.get(kind);
  }

  /** Every event of the set, by name. */
  events(): ReadonlyMap<string, BoundEvent<EventBase, unknown[]>> {
    return this.defined;
  }
}
