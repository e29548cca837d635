/** state-get, state-set and state-delete (R7.21): charm state, deferred to the hook's commit. */
import { HookToolError, usageError } from '@loom/core';

import { noExtraArgs, settingsArguments } from './arguments.js';
import { mapValue } from './output.js';
import type { Tool } from './tool.js';

export const stateGet: Tool = {
  name: 'state-get',
  usage: 'state-get [options] [<key>]',
  summary: 'Print server-side-state value.',
  flags: [{ name: 'strict', kind: 'boolean' }],
  prints: true,
  run(flags, { context }) {
    noExtraArgs(flags.positional, 1);
    const [key] = flags.positional;
    if (key === undefined || key === '-') return { value: mapValue(context.hook.stateGet()) };
    const value = context.hook.stateGet(key);
    if (value === undefined && flags.booleans.has('strict'))
      throw new HookToolError('not-found', `"${key}" not found`, 1);
    return { value };
  },
};

export const stateSet: Tool = {
  name: 'state-set',
  usage: 'state-set [options] key=value [key=value ...]',
  summary: 'Set server-side-state values.',
  flags: [{ name: 'file', kind: 'value' }],
  prints: false,
  async run(flags, call) {
    call.context.hook.stateSet(await settingsArguments(flags, call));
    return {};
  },
};

export const stateDelete: Tool = {
  name: 'state-delete',
  usage: 'state-delete <key>',
  summary: 'Delete server-side-state key value pair.',
  flags: [],
  prints: false,
  run(flags, { context }) {
    const [key] = flags.positional;
    if (key === undefined) throw usageError('no key specified');
    noExtraArgs(flags.positional, 1);
    context.hook.stateDelete(key);
    return {};
  },
};
