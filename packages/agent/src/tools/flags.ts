/**
 * GNU-style flags, as Juju's hook tools parse them (R7.1): `-r 3`, `-r3`, `--relation 3`,
 * `--relation=3`; booleans take no value but accept `--app=true` (Go's ParseBool words, which
 * `ops` relies on: `status-set --application=False`); flags and positional arguments mix; `--`
 * ends the flags; `-` is an ordinary argument.
 */
import { usageError } from '@loom/core';

/** One flag a tool accepts. */
export interface FlagSpec {
  /** Long name, without dashes. */
  readonly name: string;
  /** Short names (one letter each), without the dash. */
  readonly short?: readonly string[];
  /** Other long names (`--log-level` and `-l`). */
  readonly aliases?: readonly string[];
  readonly kind: 'boolean' | 'value';
}

/** What a command line said. */
export interface ParsedFlags {
  readonly values: ReadonlyMap<string, string>;
  readonly booleans: ReadonlySet<string>;
  readonly positional: readonly string[];
  /** How each given flag was written, for error messages (`-r` or `--relation`). */
  readonly spelled: ReadonlyMap<string, string>;
  readonly help: boolean;
}

const TRUE_WORDS = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const FALSE_WORDS = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

/**
 * Parses `args` against `specs`.
 *
 * @throws HookToolError (exit 2) `flag provided but not defined: -x`, or a missing value.
 */
export function parseFlags(args: readonly string[], specs: readonly FlagSpec[]): ParsedFlags {
  const byName = new Map<string, FlagSpec>();
  for (const spec of specs) {
    byName.set(`--${spec.name}`, spec);
    for (const alias of spec.aliases ?? []) byName.set(`--${alias}`, spec);
    for (const letter of spec.short ?? []) byName.set(`-${letter}`, spec);
  }
  const values = new Map<string, string>();
  const booleans = new Set<string>();
  const positional: string[] = [];
  const spelled = new Map<string, string>();
  let help = false;
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] ?? '';
    if (arg === '--') {
      positional.push(...args.slice(index + 1));
      break;
    }
    if (arg === '-' || !arg.startsWith('-')) {
      positional.push(arg);
      continue;
    }
    if (arg === '-h' || arg === '--help') {
      help = true;
      continue;
    }
    const long = arg.startsWith('--');
    const equals = arg.indexOf('=');
    let flag: string;
    let attached: string | undefined;
    if (long) {
      flag = equals < 0 ? arg : arg.slice(0, equals);
      attached = equals < 0 ? undefined : arg.slice(equals + 1);
    } else {
      flag = arg.slice(0, 2);
      const rest = arg.slice(2);
      attached = rest === '' ? undefined : rest.startsWith('=') ? rest.slice(1) : rest;
    }
    const spec = byName.get(flag);
    if (spec === undefined) throw usageError(`flag provided but not defined: ${flag}`);
    spelled.set(spec.name, flag);
    if (spec.kind === 'boolean') {
      if (attached === undefined || TRUE_WORDS.has(attached)) booleans.add(spec.name);
      else if (FALSE_WORDS.has(attached)) booleans.delete(spec.name);
      else throw usageError(`invalid boolean value "${attached}" for flag ${flag}: parse error`);
      continue;
    }
    if (attached !== undefined) {
      values.set(spec.name, attached);
      continue;
    }
    const next = args[index + 1];
    if (next === undefined) throw usageError(`flag needs an argument: ${flag}`);
    values.set(spec.name, next);
    index += 1;
  }
  return { values, booleans, positional, spelled, help };
}
