/**
 * What the simulator records of every hook a unit ran, and the spec's notation for it (§9.0):
 * `db-relation-joined (app/0)`, `db-relation-changed (app db)`, `db-relation-departed (app/1, dep=app/1)`.
 */
import type { Life } from '../model/entities.js';
import type { Hook } from '../uniter/hook.js';

/** One hook of one unit's log. */
export interface HookRecord {
  readonly unit: string;
  readonly hook: Hook;
  /** The unit's life when the hook ran (a Dying unit runs its teardown). */
  readonly unitLife: Life;
  /** `skipped`: recorded as done without running (a lost leadership, `resolve --no-retry`). */
  readonly outcome: 'succeeded' | 'failed' | 'skipped';
  /** The `JUJU_*` environment the hook ran with. */
  readonly environment: Readonly<Record<string, string>>;
  /** Why the hook failed: the handler's error, or the refused commit. */
  readonly error?: string;
}

/**
 * A hook in the notation of spec §9: `(U)` for a remote unit, `(app A)` when there is none, and
 * `dep=` for `-departed`.
 */
export function describeHook(hook: Hook): string {
  const relation = hook.relation;
  if (relation === undefined) return hook.name;
  const remote =
    hook.remoteUnit === undefined || hook.remoteUnit === ''
      ? `app ${relation.remoteApplication}`
      : hook.remoteUnit;
  const departing = hook.kind === 'relation-departed' ? `, dep=${hook.departingUnit ?? ''}` : '';
  return `${hook.name} (${remote}${departing})`;
}
