/** `key=value` arguments: of `config` and `deploy --config`, and the parameters of `run`. */
import { parse } from 'yaml';

import { UsageError } from '../errors.js';

/**
 * `key=value` arguments, each value read by `value`.
 *
 * @throws UsageError when an argument has no `=` or no key.
 */
export function keyValueArguments<T>(
  pairs: readonly string[],
  value: (text: string) => T,
): Record<string, T> {
  const result: Record<string, T> = {};
  for (const pair of pairs) {
    const equals = pair.indexOf('=');
    if (equals <= 0) throw new UsageError(`expected "key=value", got "${pair}"`);
    result[pair.slice(0, equals)] = value(pair.slice(equals + 1));
  }
  return result;
}

/**
 * Config settings; the controller converts each value to its option's type. `key=` resets the
 * option to the charm's default (null).
 */
export function configSettings(pairs: readonly string[]): Record<string, string | null> {
  return keyValueArguments(pairs, (text) => (text === '' ? null : text));
}

/** Action parameters, each value read as YAML (`count=3` is a number), as `juju run` does. */
export function actionParams(pairs: readonly string[]): Record<string, unknown> {
  return keyValueArguments(pairs, (text) => parse(text) as unknown);
}
