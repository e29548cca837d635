/**
 * Running an action of a TypeScript charm in the simulator's model, as the unit agent runs one:
 * outside any hook, @loom/ops's main() for `actions/<name>`, its parameters checked first, and
 * its writes committed when the charm's code returns — even when it called fail(), as Juju
 * commits them (the process exited 0).
 */
import { randomUUID } from 'node:crypto';

import type { CharmMetadata, Simulator } from '@loom/core';
import type { CharmType } from '@loom/ops';

import type { ActionRecord } from './context-backend.js';
import { runOutsideResolver } from './run-outside-resolver.js';

/** What an action reported. */
export interface ActionOutput {
  readonly results: ActionRecord['results'];
  /** action-log lines, in order. */
  readonly logs: readonly string[];
}

/** The action called fail(): its message, and what it reported before. */
export class ActionFailed extends Error {
  constructor(
    message: string,
    readonly output: ActionOutput,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The action is not one the charm declares, or its parameters do not fit its declaration. */
export class ActionParamsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** What running an action needs. */
export interface ActionRun {
  readonly simulator: Simulator;
  readonly charmType: CharmType;
  readonly metadata: CharmMetadata;
  readonly unit: string;
  readonly name: string;
  readonly params: Readonly<Record<string, unknown>>;
}

/**
 * Runs the action on the unit.
 *
 * @throws ActionParamsError for an undeclared action, a missing required parameter or one it
 *   does not declare (unless it allows more); ActionFailed when the charm called fail(); what the
 *   charm threw, when it threw (nothing is committed then).
 */
export async function runAction(run: ActionRun): Promise<ActionOutput> {
  checkParams(run);
  const action: ActionRecord = {
    name: run.name,
    params: run.params,
    results: {},
    logs: [],
    failure: undefined,
  };
  await runOutsideResolver({
    simulator: run.simulator,
    charmType: run.charmType,
    metadata: run.metadata,
    unit: run.unit,
    environment: {
      JUJU_DISPATCH_PATH: `actions/${run.name}`,
      JUJU_ACTION_NAME: run.name,
      JUJU_ACTION_UUID: randomUUID(),
    },
    action,
  });
  const output = { results: action.results, logs: action.logs };
  if (action.failure !== undefined) throw new ActionFailed(action.failure, output);
  return output;
}

/** Juju's checks of an action's parameters that Harness users rely on. */
function checkParams(run: ActionRun): void {
  const spec = run.metadata.actions.find((action) => action.name === run.name);
  if (spec === undefined) {
    const declared = run.metadata.actions.map((action) => action.name).join(', ') || 'none';
    throw new ActionParamsError(
      `action "${run.name}" is not declared by the charm (it declares: ${declared})`,
    );
  }
  const missing = spec.required.filter((name) => !(name in run.params));
  if (missing.length > 0)
    throw new ActionParamsError(
      `action "${run.name}" needs ${missing.map((name) => `"${name}"`).join(', ')}: pass ${missing.length === 1 ? 'it' : 'them'} in the parameters`,
    );
  if (spec.additionalProperties !== true) {
    const unknown = Object.keys(run.params).filter((name) => !(name in spec.params));
    if (unknown.length > 0)
      throw new ActionParamsError(
        `action "${run.name}" does not take ${unknown.map((name) => `"${name}"`).join(', ')}; it takes: ${Object.keys(spec.params).join(', ') || 'no parameters'}`,
      );
  }
}
