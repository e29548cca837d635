/**
 * The unit's state kept by the controller (ops's JujuStorage, `main(..., { storage:
 * 'controller' })`) through state-get, state-set and state-delete: it survives the loss of the
 * unit's disk, and Juju keeps a hook's state changes only when the hook succeeds, so a failed
 * hook rolls it back as the file store does. Each stored-state or event snapshot is one key, so
 * no value nears the 64 KiB a key may hold unless one snapshot does; the counters and the queue
 * of deferred events are another.
 */
import type { Backend } from '../backend/backend.js';
import { EMPTY_UNIT_STATE } from './unit-state.js';
import type { JsonValue, Notice, UnitState, UnitStateStore } from './unit-state.js';

/** The key of the counters and the queue of deferred events. */
export const QUEUE_KEY = 'loom.queue';
/** The prefix of one snapshot's key (stored state or deferred event), before its handle path. */
export const SNAPSHOT_PREFIX = 'loom.snapshot.';

/** The queue key's value. */
interface QueueValue {
  readonly eventCount: number;
  readonly nextSequence: number;
  readonly notices: readonly Notice[];
}

/** The unit's state in the controller's charm state (state-get / state-set). */
export class ControllerUnitStateStore implements UnitStateStore {
  /** The keys as last read or written, so that a save sends only what changed. */
  private stored: Record<string, string> = {};

  constructor(private readonly backend: Backend) {}

  async load(): Promise<UnitState> {
    this.stored = { ...((await this.backend.stateGetAll()) ?? {}) };
    const queueText = this.stored[QUEUE_KEY];
    if (queueText === undefined) return EMPTY_UNIT_STATE;
    const queue = parse(QUEUE_KEY, queueText) as QueueValue;
    const snapshots: Record<string, JsonValue> = {};
    for (const [key, text] of Object.entries(this.stored)) {
      if (key.startsWith(SNAPSHOT_PREFIX))
        snapshots[key.slice(SNAPSHOT_PREFIX.length)] = parse(key, text) as JsonValue;
    }
    return { ...queue, snapshots };
  }

  async save(state: UnitState): Promise<void> {
    const queue: QueueValue = {
      eventCount: state.eventCount,
      nextSequence: state.nextSequence,
      notices: state.notices,
    };
    const next: Record<string, string> = { [QUEUE_KEY]: JSON.stringify(queue) };
    for (const [path, snapshot] of Object.entries(state.snapshots))
      next[SNAPSHOT_PREFIX + path] = JSON.stringify(snapshot);
    const changed = Object.fromEntries(
      Object.entries(next).filter(([key, text]) => this.stored[key] !== text),
    );
    const gone = Object.keys(this.stored).filter(
      (key) => key.startsWith(SNAPSHOT_PREFIX) && !(key in next),
    );
    for (const key of gone) await this.backend.stateDelete(key);
    if (Object.keys(changed).length > 0) await this.backend.stateSet(changed);
    this.stored = Object.fromEntries(
      Object.entries({ ...this.stored, ...changed }).filter(([key]) => !gone.includes(key)),
    );
  }
}

function parse(key: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new Error(
      `the controller-side unit state "${key}" is not valid JSON (${String(error)}); delete it to start afresh, losing stored state and deferred events: loom exec --unit <unit> -- state-delete ${key}`,
      { cause: error },
    );
  }
}
