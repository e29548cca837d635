/**
 * A unit's local uniter state (R5.6, spec §11.1): what it has run and what it last saw. The agent
 * keeps it on the controller so a killed agent resumes where it was; it is plain data.
 */
import { Map as ImmutableMap } from 'immutable';

import type { Hook } from './hook.js';

/** What a unit knows about one relation it joined (R5.6). */
export interface RelationState {
  readonly id: number;
  readonly endpoint: string;
  readonly remoteApplication: string;
  readonly peer: boolean;
  readonly implicit: boolean;
  /** Whether `-relation-created` ran (kept in memory only by Juju; see `restartUniter`). */
  readonly created: boolean;
  /** Remote unit → bag version delivered by its last committed `-joined`/`-changed`. */
  readonly members: ImmutableMap<string, number>;
  /** Remote application → application bag version delivered by its last application `-changed`. */
  readonly applicationMembers: ImmutableMap<string, number>;
  /** A unit whose `-changed` must run next: set when its `-joined` is committed. */
  readonly changedPending: string | undefined;
}

/** How a failed hook is to be resolved (R5.23). */
export type Resolution = 'retry' | 'skip';

/**
 * Everything the uniter remembers about its unit. Every field is always present (possibly
 * undefined), so that all states share one shape.
 */
export interface UniterState {
  readonly unit: string;
  readonly installed: boolean;
  readonly started: boolean;
  readonly stopped: boolean;
  readonly removed: boolean;
  /** The unit's own idea of its leadership (R5.21), persisted. */
  readonly leader: boolean;
  /** The config version of the last committed `config-changed`. */
  readonly configVersion: number | undefined;
  /** The leader-settings version last delivered; forgotten at every agent start (R5.21). */
  readonly leaderSettingsVersion: number | undefined;
  /** A hook that must run before anything else continues (R5.3 step 8). */
  readonly queued: 'start' | 'leader-elected' | undefined;
  /** The hook that failed and holds the unit in error (R5.22). */
  readonly failed: Hook | undefined;
  /** What the operator asked for the failed hook (`loom resolve`). */
  readonly resolution: Resolution | undefined;
  /** The relations the unit joined, by id. */
  readonly relations: ImmutableMap<number, RelationState>;
}

/** The state of a unit whose agent has never run anything. */
export function initialUniterState(unit: string): UniterState {
  return {
    unit,
    installed: false,
    started: false,
    stopped: false,
    removed: false,
    leader: false,
    configVersion: undefined,
    leaderSettingsVersion: undefined,
    queued: undefined,
    failed: undefined,
    resolution: undefined,
    relations: ImmutableMap(),
  };
}
