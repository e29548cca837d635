/** `key=value` arguments: of `config` and `deploy --config`, and the parameters of `run`. */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';

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

/**
 * `deploy --config`: each value is `key=value` or a YAML file holding settings per application
 * (`<application>: {key: value}`, as Juju's config files); later values win. An empty value
 * (`key=`) keeps the charm's default.
 *
 * @throws UsageError for a file that cannot be read, is not such a map, or has no settings for
 *   the application.
 */
export async function deployConfig(
  cwd: string,
  values: readonly string[],
  application: string,
): Promise<Record<string, string | number | boolean>> {
  const settings = new Map<string, string | number | boolean>();
  for (const value of values) {
    const given = value.includes('=')
      ? configSettings([value])
      : await configFileSettings(cwd, value, application);
    for (const [key, setting] of Object.entries(given))
      if (setting === null) settings.delete(key);
      else settings.set(key, setting);
  }
  return Object.fromEntries(settings);
}

async function configFileSettings(
  cwd: string,
  file: string,
  application: string,
): Promise<Record<string, string | number | boolean>> {
  const text = await readFile(resolve(cwd, file), 'utf8').catch(() => {
    throw new UsageError(
      `--config "${file}": no such file; give key=value or a YAML file of settings per application`,
    );
  });
  let document: unknown;
  try {
    document = parse(text, { version: '1.1' }) as unknown;
  } catch (error) {
    throw new UsageError(
      `--config "${file}": ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const section = isRecord(document) ? document[application] : undefined;
  if (!isRecord(section)) {
    throw new UsageError(
      `--config "${file}": no settings found for "${application}"; write them as\n${application}:\n  key: value`,
    );
  }
  const settings: Record<string, string | number | boolean> = {};
  for (const [key, setting] of Object.entries(section)) {
    if (typeof setting !== 'string' && typeof setting !== 'number' && typeof setting !== 'boolean')
      throw new UsageError(
        `--config "${file}": ${application}.${key} must be a string, number or boolean`,
      );
    settings[key] = setting;
  }
  return settings;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
