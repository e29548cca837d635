/**
 * Argument rules shared by the tools: the relation selector (R7.4), `key=value` pairs (R7.5),
 * extra positional arguments, and `--file` contents read from a path or stdin.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';

import { HookToolError, usageError } from '@loom/core';
import { parse } from 'yaml';

import type { FlagSpec, ParsedFlags } from './flags.js';
import type { ToolCall } from './tool.js';
import { StdinNeeded } from './tool.js';
import type { ToolContext } from './tool-context.js';

export const RELATION_FLAG: FlagSpec = { name: 'relation', short: ['r'], kind: 'value' };

/**
 * R7.4: the relation `-r` names (the digits after the last `:`), which must be in the hook's
 * context; undefined when not given (the tool then uses the hook's own relation).
 */
export function relationIdOf(flags: ParsedFlags, context: ToolContext): number | undefined {
  const text = flags.values.get('relation');
  if (text === undefined) return undefined;
  const spelled = flags.spelled.get('relation') ?? '-r';
  const digits = text.slice(text.lastIndexOf(':') + 1);
  const id = /^\d+$/.test(digits) ? Number(digits) : Number.NaN;
  if (!Number.isSafeInteger(id))
    throw usageError(`invalid value "${text}" for flag ${spelled}: invalid relation id`);
  try {
    context.hook.remoteApplication(id);
  } catch (error) {
    if (error instanceof HookToolError)
      throw usageError(`invalid value "${text}" for flag ${spelled}: ${error.message}`);
    throw error;
  }
  return id;
}

/** R7.5: `key=value` arguments, split at the first `=`, trimmed; empty arguments skipped. */
export function keyValues(args: readonly string[]): Map<string, string> {
  const settings = new Map<string, string>();
  for (const arg of args) {
    if (arg.trim() === '') continue;
    const equals = arg.indexOf('=');
    if (equals < 0) throw usageError(`expected "key=value", got "${arg}"`);
    const key = arg.slice(0, equals).trim();
    const value = arg.slice(equals + 1).trim();
    if (key === '') throw usageError(`expected "key=value", got "${arg}"`);
    if (settings.has(key)) throw usageError(`key "${key}" specified more than once`);
    settings.set(key, value);
  }
  return settings;
}

/** Refuses positional arguments past the first `allowed`: `unrecognized args: ["a" "b"]`. */
export function noExtraArgs(positional: readonly string[], allowed: number): void {
  const extra = positional.slice(allowed);
  if (extra.length > 0)
    throw usageError(`unrecognized args: [${extra.map((arg) => JSON.stringify(arg)).join(' ')}]`);
}

/**
 * The bytes of a `--file` argument: `-` is stdin (asked for lazily, R6.8), anything else a path
 * relative to the caller's directory.
 */
export async function fileArgument(path: string, call: ToolCall): Promise<string> {
  if (path === '-') {
    if (call.stdin === undefined) throw new StdinNeeded();
    return call.stdin.toString('utf8');
  }
  try {
    return await readFile(resolve(call.cwd, path), 'utf8');
  } catch (error) {
    throw new HookToolError(
      'not-found',
      `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      1,
    );
  }
}

/**
 * R7.11: a YAML map of settings; scalars become strings (`8080` → "8080", `true` → "true"), null
 * becomes empty (a deletion).
 */
export function settingsFromYaml(text: string): Map<string, string> {
  let parsed: unknown;
  try {
    parsed = parse(text);
  } catch (error) {
    throw new HookToolError('usage', `cannot parse settings: ${(error as Error).message}`, 1);
  }
  if (parsed === null || parsed === undefined) return new Map();
  if (typeof parsed !== 'object' || Array.isArray(parsed))
    throw new HookToolError('usage', 'expected a YAML map of settings', 1);
  const settings = new Map<string, string>();
  for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
    if (value === null || value === undefined) settings.set(key, '');
    else if (typeof value === 'object')
      throw new HookToolError(
        'usage',
        `value of "${key}" must be a string, not a YAML map or list`,
        1,
      );
    else if (typeof value === 'string') settings.set(key, value);
    else if (typeof value === 'number' || typeof value === 'boolean')
      settings.set(key, String(value));
    else settings.set(key, '');
  }
  return settings;
}

/**
 * The settings of `relation-set` and `state-set`: the `--file` map (R7.11), with `key=value`
 * arguments (R7.5) overriding its keys.
 */
export async function settingsArguments(
  flags: ParsedFlags,
  call: ToolCall,
): Promise<Map<string, string>> {
  const fromArgs = keyValues(flags.positional);
  const file = flags.values.get('file');
  if (file === undefined) return fromArgs;
  return new Map([...settingsFromYaml(await fileArgument(file, call)), ...fromArgs]);
}
