/** state-get, state-set and state-delete (R7.21): charm state, deferred to the hook's commit. */
import { HookToolError, usageError } from '@loom/core';

import { noExtraArgs, settingsArguments } from './arguments.js';
import { mapValue } from './output.js';
import type { Tool } from './tool.js';

const MAX_KEY_BYTES = 256;
const MAX_VALUE_BYTES = 64 * 1024;

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
    const settings = await settingsArguments(flags, call);
    for (const [key, value] of settings) {
      if (Buffer.byteLength(key) > MAX_KEY_BYTES)
        throw usageError(`key "${key.slice(0, 32)}..." is longer than ${MAX_KEY_BYTES} bytes`);
      if (Buffer.byteLength(value) > MAX_VALUE_BYTES)
        throw usageError(`value of "${key}" is longer than ${MAX_VALUE_BYTES} bytes`);
    }
    call.context.hook.stateSet(settings);
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
