/** action-get, action-set, action-fail and action-log (spec §7.11). */
import { DEFAULT_ACTION_FAILURE, HookToolError, setActionResults, usageError } from '@loom/core';

import type { ToolValue } from './output.js';
import type { Tool } from './tool.js';
import type { ActionRun, ToolContext } from './tool-context.js';

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
    const pairs = flags.positional.map((arg) => {
      const equals = arg.indexOf('=');
      if (equals < 0) throw usageError(`argument "${arg}" must be of the form key...=value`);
      return [arg.slice(0, equals), arg.slice(equals + 1)] as const;
    });
    setActionResults(action.results, pairs);
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
    action.failure = flags.positional[0] ?? DEFAULT_ACTION_FAILURE;
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
