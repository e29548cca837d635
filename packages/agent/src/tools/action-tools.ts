/** action-get, action-set, action-fail and action-log (spec §7.11). */
import { HookToolError, usageError } from '@loom/core';

import type { ToolValue } from './output.js';
import type { Tool } from './tool.js';
import type { ActionRun, ToolContext } from './tool-context.js';

const KEY = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;
const RESERVED = new Set(['stdout', 'stdout-encoding', 'stderr', 'stderr-encoding']);

function actionOf(context: ToolContext): ActionRun {
  if (context.action === undefined)
    throw new HookToolError('not-found', 'not running an action', 1);
  return context.action;
}

export const actionGet: Tool = {
  name: 'action-get',
  usage: 'action-get [options] [<key>[.<key>.<key>...]]',
  summary: 'Get action parameters.',
  flags: [],
  prints: true,
  run(flags, { context }) {
    const action = actionOf(context);
    const [path] = flags.positional;
    if (path === undefined) return { value: action.params as ToolValue };
    let value: unknown = action.params;
    for (const key of path.split('.')) {
      value =
        value !== null && typeof value === 'object' && !Array.isArray(value)
          ? (value as Record<string, unknown>)[key]
          : undefined;
    }
    return { value: value as ToolValue };
  },
};

export const actionSet: Tool = {
  name: 'action-set',
  usage: 'action-set <key>=<value> [<key>=<value> ...]',
  summary: 'Set action results.',
  flags: [],
  prints: false,
  run(flags, { context }) {
    const action = actionOf(context);
    const pairs: [string[], string][] = [];
    for (const arg of flags.positional) {
      const equals = arg.indexOf('=');
      if (equals < 0) throw usageError(`argument "${arg}" must be of the form key...=value`);
      const keys = arg.slice(0, equals).split('.');
      for (const key of keys) {
        if (!KEY.test(key))
          throw usageError(
            `key "${key}" must start and end with lowercase alphanumeric, and contain only lowercase alphanumeric, hyphens and periods`,
          );
      }
      if (keys.length === 1 && RESERVED.has(keys[0] ?? ''))
        throw usageError(`cannot set reserved action key "${keys[0] ?? ''}"`);
      pairs.push([keys, arg.slice(equals + 1)]);
    }
    for (const [keys, value] of pairs) {
      let target = action.results;
      for (const key of keys.slice(0, -1)) {
        const next = target[key];
        if (next === null || typeof next !== 'object') target[key] = {};
        target = target[key] as Record<string, unknown>;
      }
      target[keys.at(-1) ?? ''] = value;
    }
    return {};
  },
};

export const actionFail: Tool = {
  name: 'action-fail',
  usage: 'action-fail ["<failure message>"]',
  summary: 'Set action fail status with message.',
  flags: [],
  prints: false,
  run(flags, { context }) {
    const action = actionOf(context);
    action.failure =
      flags.positional[0] ?? 'action failed without reason given, check action for errors';
    return {};
  },
};

export const actionLog: Tool = {
  name: 'action-log',
  usage: 'action-log <message>',
  summary: 'Record a progress message for the current action.',
  flags: [],
  prints: false,
  async run(flags, { context }) {
    const action = actionOf(context);
    if (flags.positional.length === 0) throw usageError('no message specified');
    await action.log(flags.positional.join(' '));
    return {};
  },
};
