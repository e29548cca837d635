/**
 * Running an action of a TypeScript charm in the simulator's model, as the unit agent runs one:
 * outside any hook, with the unit's relations as its uniter sees them, @loom/ops's main() for
 * `actions/<name>`, and the action's relation, state and port writes committed when the charm's
 * code returns — even when it called fail(), as Juju commits them (the process exited 0).
 */
import { randomUUID } from 'node:crypto';

import {
  commitHook,
  HookContext,
  HookToolError,
  JUJU_VERSION,
  MemberBagCache,
  setApplicationStatus,
  setUnitStatus,
  writeLeaderSettings,
} from '@loom/core';
import type { CharmMetadata, Simulator } from '@loom/core';
import { ControllerUnitStateStore, main } from '@loom/ops';
import type { CharmType } from '@loom/ops';

import { ContextBackend } from './context-backend.js';
import type { ActionRecord } from './context-backend.js';

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
  const { simulator, unit } = run;
  checkParams(run);
  const uniter = simulator.uniterState(unit);
  if (uniter === undefined)
    throw new Error(`unit "${unit}" has not started yet; settle the model before running actions`);
  const context = new HookContext({
    model: () => simulator.state,
    unit,
    uniter,
    memberCache: new MemberBagCache(),
    effects: {
      writeLeaderSettings: (settings) => {
        const result = writeLeaderSettings(simulator.state, { unit, settings });
        if (!result.ok) throw new HookToolError('not-leader', result.message, 1);
        simulator.run(() => result);
      },
      setStatus: (status, application) => {
        simulator.run((state) =>
          application
            ? setApplicationStatus(state, { unit, status })
            : setUnitStatus(state, { unit, workload: status }),
        );
      },
      setWorkloadVersion: (workloadVersion) => {
        simulator.run((state) => setUnitStatus(state, { unit, workloadVersion }));
      },
      log: () => undefined,
    },
  });
  const action: ActionRecord = {
    name: run.name,
    params: run.params,
    results: {},
    logs: [],
    failure: undefined,
  };
  const backend = new ContextBackend({
    context,
    model: () => simulator.state,
    address: simulator.addressOf(unit),
    action,
  });
  const uuid = randomUUID();
  await main(run.charmType, {
    env: {
      JUJU_DISPATCH_PATH: `actions/${run.name}`,
      JUJU_ACTION_NAME: run.name,
      JUJU_ACTION_UUID: uuid,
      JUJU_UNIT_NAME: unit,
      JUJU_MODEL_NAME: simulator.state.name,
      JUJU_VERSION,
    },
    metadata: run.metadata,
    backend,
    store: new ControllerUnitStateStore(backend),
    legacyHooks: false,
  });
  const charmState = context.changedCharmState();
  const ports = context.portChanges();
  simulator.run((state) =>
    commitHook(state, {
      unit,
      relationSettings: context.relationWrites(),
      ...(charmState === undefined ? {} : { charmState }),
      ...(ports === undefined ? {} : { ports }),
    }),
  );
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
