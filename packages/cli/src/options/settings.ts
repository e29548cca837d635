/** `key=value` arguments of `config` and `deploy --config`. */
import { UsageError } from '../errors.js';

/**
 * `key=value` arguments as settings; the controller converts each value to its option's type.
 * `key=` resets the option to the charm's default (null).
 */
export function configSettings(pairs: readonly string[]): Record<string, string | null> {
  const settings: Record<string, string | null> = {};
  for (const pair of pairs) {
    const equals = pair.indexOf('=');
    if (equals <= 0) throw new UsageError(`expected "key=value", got "${pair}"`);
    const value = pair.slice(equals + 1);
    settings[pair.slice(0, equals)] = value === '' ? null : value;
  }
  return settings;
}
