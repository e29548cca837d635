/**
 * Agent restarts (R5.24) and operator resolution of a failed hook (R5.23).
 */
import type { Refusal } from '../model/refusal.js';
import { refuse } from '../model/refusal.js';
import { compatibility } from './uniter-options.js';
import type { CompatibilityOptions } from './uniter-options.js';
import type { Resolution, UniterState } from './uniter-state.js';

/**
 * The local state as a restarted agent sees it. Juju keeps `-relation-created` flags in memory
 * only, so every relation already joined counts as created (R5.5); the leader-settings counter
 * starts again, so a non-leader gets one `leader-settings-changed` (R5.21, S18).
 */
export function restartUniter(
  local: UniterState,
  options: Partial<CompatibilityOptions> = {},
): UniterState {
  const keepLeaderSettings = !compatibility(options).leaderSettingsChangedOnAgentStart;
  return {
    ...local,
    resolution: undefined,
    leaderSettingsVersion: keepLeaderSettings ? local.leaderSettingsVersion : undefined,
    relations: local.relations.map((relation) =>
      relation.created ? relation : { ...relation, created: true },
    ),
  };
}

/**
 * `loom resolve [--no-retry] <unit>` (R5.23): run the failed hook again, or (`skip`) record it as
 * done without running it. Refused, with Juju's message, for a unit that is not in error.
 */
export function resolveFailedHook(
  local: UniterState,
  resolution: Resolution,
): UniterState | Refusal {
  if (local.failed === undefined)
    return refuse('not-valid', `unit "${local.unit}" is not in an error state`);
  return { ...local, resolution };
}
