/**
 * Running a TypeScript charm's code for one unit when the test, not the uniter, chooses what
 * runs: an action (as the agent runs one), or an event of a state-transition test. The context
 * is core's HookContext over the simulator's model, with the unit's relations as its uniter sees
 * them; the charm's buffered writes are committed in one model operation when its code returns
 * (R4.10) — with the hook's after-effects, when it is a hook — and nothing is when it throws.
 */
import {
  afterHookEffects,
  commitHook,
  HookContext,
  JUJU_VERSION,
  MemberBagCache,
  simulatorEffects,
} from '@loom/core';
import type { CharmMetadata, Hook, LogLine, Simulator } from '@loom/core';
import { ControllerUnitStateStore, main } from '@loom/ops';
import type { CharmType } from '@loom/ops';

import { ContextBackend } from './context-backend.js';
import type { ActionRecord } from './context-backend.js';

/** One run of charm code chosen by the test. */
export interface OutsideRun {
  readonly simulator: Simulator;
  readonly charmType: CharmType;
  readonly metadata: CharmMetadata;
  readonly unit: string;
  /** The hook, when it is one; absent for an action or a hook core does not model (update-status). */
  readonly hook?: Hook;
  /** `JUJU_DISPATCH_PATH` and any other variables of the run. */
  readonly environment: Readonly<Record<string, string>>;
  readonly action?: ActionRecord;
  /** Where juju-log lines go. */
  readonly logs?: LogLine[];
  /** Addresses of particular bindings, instead of the machine's. */
  readonly networks?: Readonly<Record<string, string>>;
}

/**
 * Runs the charm's code, then commits what it buffered.
 *
 * @throws what the charm threw (nothing committed), or the commit's refusal.
 */
export async function runOutsideResolver(run: OutsideRun): Promise<void> {
  const { simulator, unit } = run;
  const uniter = simulator.uniterState(unit);
  if (uniter === undefined)
    throw new Error(`unit "${unit}" has not started yet; settle the model first`);
  const context = new HookContext({
    model: () => simulator.state,
    unit,
    ...(run.hook === undefined ? {} : { hook: run.hook }),
    uniter,
    memberCache: new MemberBagCache(),
    effects: simulatorEffects(simulator, unit, (level, message) => {
      run.logs?.push({ level, message });
    }),
  });
  const backend = new ContextBackend({
    context,
    model: () => simulator.state,
    address: simulator.addressOf(unit),
    ...(run.action === undefined ? {} : { action: run.action }),
    ...(run.networks === undefined ? {} : { networks: run.networks }),
  });
  await main(run.charmType, {
    env: {
      JUJU_UNIT_NAME: unit,
      JUJU_MODEL_NAME: simulator.state.name,
      JUJU_VERSION,
      ...run.environment,
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
      ...(run.hook === undefined ? {} : afterHookEffects(run.hook, simulator.addressOf(unit))),
    }),
  );
}
