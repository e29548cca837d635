/**
 * What tools print (R7.3): `--format smart|yaml|json` (default smart) and `-o/--output <file>`.
 *
 * | value   | smart                      | yaml                  | json               |
 * | absent  | nothing                    | nothing               | null               |
 * | string  | the string (empty: nothing) | a YAML scalar        | a JSON string      |
 * | bool    | True / False               | true / false          | true / false       |
 * | list    | one per line               | a YAML list ([])      | an array           |
 * | map     | YAML, keys sorted ({})     | the same              | object, keys sorted |
 */
import { usageError } from '@loom/core';
import { stringify } from 'yaml';

import type { FlagSpec, ParsedFlags } from './flags.js';

/** A value a tool prints. */
export type ToolValue =
  | undefined
  | null
  | string
  | number
  | boolean
  | readonly ToolValue[]
  | { readonly [key: string]: ToolValue };

export type OutputFormat = 'smart' | 'yaml' | 'json';

/** The flags of every tool that prints. */
export const OUTPUT_FLAGS: readonly FlagSpec[] = [
  { name: 'format', kind: 'value' },
  { name: 'output', short: ['o'], kind: 'value' },
];

/**
 * The format a command line asked for.
 *
 * @throws HookToolError (exit 2) naming an unknown format.
 */
export function formatOf(flags: ParsedFlags): OutputFormat {
  const format = flags.values.get('format') ?? 'smart';
  if (format === 'smart' || format === 'yaml' || format === 'json') return format;
  throw usageError(`invalid value "${format}" for flag --format: unknown format "${format}"`);
}

/** A value as the format prints it, newline included (nothing for "nothing"). */
export function render(value: ToolValue, format: OutputFormat): string {
  if (format === 'json') return `${JSON.stringify(sorted(value ?? null))}\n`;
  if (value === undefined || value === null) return '';
  if (format === 'smart') {
    if (typeof value === 'string') return value === '' ? '' : `${value}\n`;
    if (typeof value === 'boolean') return value ? 'True\n' : 'False\n';
    if (Array.isArray(value) && value.every((item) => typeof item === 'string'))
      return (value as readonly string[]).map((item) => `${item}\n`).join('');
  }
  return stringify(sorted(value), { sortMapEntries: true, lineWidth: 0 });
}

/** A copy with map keys in sorted order (JSON keeps insertion order; Juju's output sorts). */
function sorted(value: ToolValue): unknown {
  if (Array.isArray(value)) return value.map((item: ToolValue) => sorted(item));
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, ToolValue>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return Object.fromEntries(entries.map(([key, item]) => [key, sorted(item)]));
  }
  return value;
}

/** A map as a plain object, for printing. */
export function mapValue(map: ReadonlyMap<string, ToolValue>): Record<string, ToolValue> {
  return Object.fromEntries(map);
}
