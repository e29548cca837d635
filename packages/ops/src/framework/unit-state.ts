/**
 * What the framework keeps between hooks: stored-state snapshots, the queue of deferred events
 * (notices, in the order they were first queued) with each event's snapshot, and the counter
 * that numbers events. A hook works on a copy; only `commit` writes it back, so a failed hook
 * leaves the last committed state untouched.
 */
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';

/** A value stored state and event snapshots may hold. */
export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A deferred (or not yet handled) call of one observer for one event. */
export interface Notice {
  /** Position in the queue: notices run in this order, across event types. */
  readonly sequence: number;
  /** The event's handle path (`Demo/on/config_changed[4]`). */
  readonly eventPath: string;
  /** The observer's key (see Framework.observe). */
  readonly observer: string;
}

/** Everything persisted for a unit. */
export interface UnitState {
  readonly eventCount: number;
  readonly nextSequence: number;
  /** Handle path → snapshot: stored state, and the events of queued notices. */
  readonly snapshots: Readonly<Record<string, JsonValue>>;
  readonly notices: readonly Notice[];
}

/** An empty unit state, as before the first hook. */
export const EMPTY_UNIT_STATE: UnitState = {
  eventCount: 0,
  nextSequence: 1,
  snapshots: {},
  notices: [],
};

/** Where a unit's state is kept between hooks. */
export interface UnitStateStore {
  load(): Promise<UnitState>;
  save(state: UnitState): Promise<void>;
}

/**
 * The unit's state in one JSON file (by default `.loom-unit-state.json` in the charm directory),
 * mode 0600, replaced atomically: written beside, flushed, then renamed over the old one.
 */
export class FileUnitStateStore implements UnitStateStore {
  constructor(readonly path: string) {}

  // Plain synchronous file calls: a hook is one short process, and fs/promises alone would cost
  // it more start-up time than the reads and writes themselves.
  // eslint-disable-next-line @typescript-eslint/require-await -- async so failures reject
  async load(): Promise<UnitState> {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return EMPTY_UNIT_STATE;
      throw error;
    }
    try {
      return JSON.parse(text) as UnitState;
    } catch (error) {
      throw new Error(
        `the unit state in ${this.path} is not valid JSON (${String(error)}); remove the file to start afresh, losing stored state and deferred events`,
        { cause: error },
      );
    }
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- async so failures reject
  async save(state: UnitState): Promise<void> {
    mkdirSync(dirname(this.path), { recursive: true });
    const temporary = `${this.path}.${process.pid}.tmp`;
    const file = openSync(temporary, 'w', 0o600);
    try {
      writeSync(file, JSON.stringify(state));
      fsyncSync(file);
    } finally {
      closeSync(file);
    }
    try {
      renameSync(temporary, this.path);
    } catch (error) {
      rmSync(temporary, { force: true });
      throw error;
    }
  }
}

/** The unit's state in memory: for tests and tools that run a charm in-process. */
export class MemoryUnitStateStore implements UnitStateStore {
  constructor(private state: UnitState = EMPTY_UNIT_STATE) {}

  load(): Promise<UnitState> {
    return Promise.resolve(structuredClone(this.state));
  }

  save(state: UnitState): Promise<void> {
    this.state = structuredClone(state);
    return Promise.resolve();
  }

  /** What was last saved. */
  get saved(): UnitState {
    return this.state;
  }
}
