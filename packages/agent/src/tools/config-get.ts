/** config-get (spec §7.6): the application's settings with the charm's defaults. */
import { usageError } from '@loom/core';

import { noExtraArgs } from './arguments.js';
import { mapValue } from './output.js';
import type { Tool } from './tool.js';

export const configGet: Tool = {
  name: 'config-get',
  usage: 'config-get [options] [<key>]',
  summary: 'Print application configuration.',
  flags: [{ name: 'all', short: ['a'], kind: 'boolean' }],
  prints: true,
  run(flags, { context }) {
    noExtraArgs(flags.positional, 1);
    const [key] = flags.positional;
    const all = flags.booleans.has('all');
    if (key === undefined) return { value: mapValue(context.hook.configGet(undefined, { all })) };
    if (all) throw usageError(`cannot use argument --all together with key "${key}"`);
    return { value: context.hook.configGet(key) };
  },
};
