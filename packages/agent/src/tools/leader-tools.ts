/** is-leader, leader-get and leader-set (R7.14–R7.16). */
import { usageError } from '@loom/core';

import { keyValues, noExtraArgs } from './arguments.js';
import { mapValue } from './output.js';
import type { Tool } from './tool.js';

export const isLeader: Tool = {
  name: 'is-leader',
  usage: 'is-leader [options]',
  summary: 'Print application leadership status.',
  flags: [],
  prints: true,
  run(flags, { context }) {
    noExtraArgs(flags.positional, 0);
    return { value: context.hook.isLeader() };
  },
};

export const leaderGet: Tool = {
  name: 'leader-get',
  usage: 'leader-get [options] [<key>]',
  summary: 'Print application leadership settings.',
  flags: [],
  prints: true,
  run(flags, { context }) {
    noExtraArgs(flags.positional, 1);
    const [key] = flags.positional;
    if (key === undefined || key === '-') return { value: mapValue(context.hook.leaderGet()) };
    if (key.includes('=')) throw usageError(`invalid key "${key}"`);
    return { value: context.hook.leaderGet(key) };
  },
};

export const leaderSet: Tool = {
  name: 'leader-set',
  usage: 'leader-set <key>=<value> [...]',
  summary: 'Write application leadership settings.',
  flags: [],
  prints: false,
  async run(flags, { context }) {
    const settings = keyValues(flags.positional);
    await context.hook.leaderSet(settings);
    return {};
  },
};
