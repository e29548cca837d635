/**
 * `action-set`'s rules (R7.25): dotted keys of lower-case letters, digits and hyphens nest the
 * results; the keys Juju keeps for the action's own output are refused.
 */
import { usageError } from './hook-tool-error.js';

const KEY = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;
const RESERVED = new Set(['stdout', 'stdout-encoding', 'stderr', 'stderr-encoding']);

/** Results as action-set builds them: nested maps of strings. */
export interface ActionResults {
  [key: string]: string | ActionResults;
}

/**
 * Sets each `[dotted key, value]` into `results`, nesting on the dots. Every key is checked
 * before anything is set.
 *
 * @throws HookToolError (usage) naming a bad or reserved key.
 */
export function setActionResults(
  results: ActionResults,
  pairs: readonly (readonly [string, string])[],
): void {
  const checked = pairs.map(([dotted, value]) => {
    const keys = dotted.split('.');
    for (const key of keys) {
      if (!KEY.test(key))
        throw usageError(
          `key "${key}" must start and end with lowercase alphanumeric, and contain only lowercase alphanumeric, hyphens and periods`,
        );
    }
    if (keys.length === 1 && RESERVED.has(keys[0] ?? ''))
      throw usageError(`cannot set reserved action key "${keys[0] ?? ''}"`);
    return [keys, value] as const;
  });
  for (const [keys, value] of checked) {
    let target = results;
    for (const key of keys.slice(0, -1)) {
      const next = target[key];
      if (next === undefined || typeof next === 'string') target[key] = {};
      target = target[key] as ActionResults;
    }
    target[keys.at(-1) ?? ''] = value;
  }
}

/** What action-fail records when given no message. */
export const DEFAULT_ACTION_FAILURE = 'action failed without reason given, check action for errors';
