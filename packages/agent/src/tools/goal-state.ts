/**
 * goal-state (R7.25): the units the unit's application is meant to have, and for each of its
 * endpoints the applications and units it is related to, with a coarse status each.
 */
import { applicationOfUnit, counterpartApplication, endpointOf, relationsOf } from '@loom/core';
import type { ModelState } from '@loom/core';

import { noExtraArgs } from './arguments.js';
import type { ToolValue } from './output.js';
import type { Tool } from './tool.js';

function unitGoal(state: ModelState, name: string): { status: string } {
  const unit = state.units.get(name);
  if (unit?.life !== 'alive') return { status: 'dying' };
  return { status: unit.agentStatus.current === 'allocating' ? 'waiting' : 'active' };
}

export const goalState: Tool = {
  name: 'goal-state',
  usage: 'goal-state [options]',
  summary: "Print the status of the charm's peers and related units.",
  flags: [],
  prints: true,
  run(flags, { context }) {
    noExtraArgs(flags.positional, 0);
    const state = context.model();
    const application = applicationOfUnit(context.unit);
    const units: Record<string, ToolValue> = {};
    for (const unit of state.index.unitsByApplication.get(application) ?? [])
      units[unit] = unitGoal(state, unit);
    const relations: Record<string, Record<string, ToolValue>> = {};
    for (const relation of relationsOf(state, application)) {
      const own = endpointOf(relation, application);
      if (own === undefined) continue;
      const remote = counterpartApplication(relation, application);
      const entry = (relations[own.name] ??= {});
      entry[remote] = { status: relation.life === 'alive' ? relation.status : 'dying' };
      for (const unit of state.index.unitsByApplication.get(remote) ?? [])
        if (unit !== context.unit) entry[unit] = unitGoal(state, unit);
    }
    return { value: { units, relations } };
  },
};
