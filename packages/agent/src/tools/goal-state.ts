/**
 * goal-state (R7.25): the units the unit's application is meant to have, and for each of its
 * endpoints the applications and units it is related to, with a coarse status each.
 */
import { goalStateAnswer } from '@loom/core';

import { noExtraArgs } from './arguments.js';
import type { Tool } from './tool.js';

export const goalState: Tool = {
  name: 'goal-state',
  usage: 'goal-state [options]',
  summary: "Print the status of the charm's peers and related units.",
  flags: [],
  prints: true,
  run(flags, { context }) {
    noExtraArgs(flags.positional, 0);
    return { value: goalStateAnswer(context.model(), context.unit) };
  },
};
