/**
 * Running one hook in the simulator: build its context, call the charm's handler, commit its
 * buffered writes in one model operation if it succeeded (R4.10), record it, and put the unit in
 * error if it failed (R5.22).
 */
import { HookContext } from '../hook-context/hook-context.js';
import type { ImmediateEffects, LogLevel } from '../hook-context/hook-context.js';
import { HookToolError } from '../hook-context/hook-tool-error.js';
import { afterHookEffects, commitHook } from '../operations/commit-hook.js';
import type { HookCommit } from '../operations/commit-hook.js';
import { writeLeaderSettings } from '../operations/leader-settings.js';
import { setApplicationStatus, setUnitStatus } from '../operations/unit-status.js';
import type { Life } from '../model/entities.js';
import type { Hook } from '../uniter/hook.js';
import type { UniterOperation } from '../uniter/uniter-operation.js';
import type { SimulationHost } from './simulation-host.js';
import { SimulationError } from './simulation-error.js';
import type { UnitRunner } from './unit-runner.js';

type RunHookOperation = Extract<UniterOperation, { kind: 'run-hook' }>;

/**
 * Runs (or, when `skip`, records without running) a hook operation with a synchronous handler.
 *
 * @throws SimulationError when the handler returns a promise: use runHookAsync.
 */
export function runHook(
  host: SimulationHost,
  runner: UnitRunner,
  operation: RunHookOperation,
): void {
  const started = startHook(host, runner, operation);
  if (started === undefined) return;
  let error: string | undefined;
  try {
    const returned: unknown = host.handlerFor(runner.unit)?.(started.context);
    if (returned instanceof Promise) {
      // Its work would land after the hook is committed; say where to go instead.
      returned.catch(() => undefined);
      throw new SimulationError(
        'this charm handler returns a promise: run the simulator with settleAsync() / stepAsync()',
      );
    }
  } catch (thrown) {
    error = messageOf(thrown);
  }
  finishHook(host, runner, operation, started, error);
}

/** As runHook, awaiting the handler: the hook is committed once its promise settles. */
export async function runHookAsync(
  host: SimulationHost,
  runner: UnitRunner,
  operation: RunHookOperation,
): Promise<void> {
  const started = startHook(host, runner, operation);
  if (started === undefined) return;
  let error: string | undefined;
  try {
    await host.handlerFor(runner.unit)?.(started.context);
  } catch (thrown) {
    error = messageOf(thrown);
  }
  finishHook(host, runner, operation, started, error);
}

function messageOf(thrown: unknown): string {
  return thrown instanceof Error ? thrown.message : String(thrown);
}

/** A hook about to run: its context, and what was so when it started. */
interface StartedHook {
  readonly context: HookContext;
  readonly unitLife: Life;
  readonly wasFailing: boolean;
}

/**
 * The immediate effects of a hook context in the simulator (R4.12): leader-set, status-set and
 * application-version-set applied to the model at once, the log lines to `log`. A leader-set the
 * model refuses fails as the tool does.
 */
export function simulatorEffects(
  host: SimulationHost,
  unit: string,
  log: (level: LogLevel, message: string) => void,
): ImmediateEffects {
  return {
    writeLeaderSettings: (settings) => {
      const result = host.apply(writeLeaderSettings(host.state, { unit, settings }));
      if (!result.ok) throw new HookToolError('not-leader', result.message, 1);
    },
    setStatus: (status, application) => {
      host.apply(
        application
          ? setApplicationStatus(host.state, { unit, status })
          : setUnitStatus(host.state, { unit, workload: status }),
      );
    },
    setWorkloadVersion: (workloadVersion) => {
      host.apply(setUnitStatus(host.state, { unit, workloadVersion }));
    },
    log,
  };
}

/** Records a skipped hook (undefined), or builds the context the handler runs with. */
function startHook(
  host: SimulationHost,
  runner: UnitRunner,
  operation: RunHookOperation,
): StartedHook | undefined {
  const { hook } = operation;
  const wasFailing = runner.resolver.state.failed !== undefined;
  const unitLife = host.state.units.get(runner.unit)?.life ?? 'dead';
  if (operation.skip === true) {
    const committed = host.apply(
      commitHook(host.state, {
        unit: runner.unit,
        relationSettings: [],
        ...afterHookEffects(hook, host.addressOf(runner.unit)),
      }),
    );
    runner.record({ hook, unitLife, outcome: committed.ok ? 'skipped' : 'failed' });
    runner.resolver.commit(operation, committed.ok ? 'succeeded' : 'failed');
    return undefined;
  }
  const context = new HookContext({
    model: () => host.state,
    unit: runner.unit,
    hook,
    uniter: runner.resolver.state,
    memberCache: runner.memberCache,
    environment: () => runner.environment(hook),
    options: host.compatibility,
    effects: simulatorEffects(host, runner.unit, (level, message) => {
      runner.logs.push({ level, message });
    }),
  });
  return { context, unitLife, wasFailing };
}

/**
 * Commits a hook that succeeded (its buffered writes in one model operation, R4.10), records it,
 * and puts the unit in error when it failed (R5.22).
 */
function finishHook(
  host: SimulationHost,
  runner: UnitRunner,
  operation: RunHookOperation,
  { context, unitLife, wasFailing }: StartedHook,
  failure: string | undefined,
): void {
  const { hook } = operation;
  let error = failure;
  if (error === undefined && (context.hasBufferedWrites || needsAfterEffects(hook))) {
    const commit: HookCommit = {
      unit: runner.unit,
      relationSettings: context.relationWrites(),
      ...optional('charmState', context.changedCharmState()),
      ...optional('ports', context.portChanges()),
      startWithoutStatus:
        hook.kind === 'start' && !runner.statusEverSet && !context.workloadStatusSet,
      ...afterHookEffects(hook, host.addressOf(runner.unit)),
    };
    if (!nothingToCommit(commit)) {
      const committed = host.apply(commitHook(host.state, commit));
      if (!committed.ok) error = `commit refused: ${committed.message}`;
    }
  }
  runner.statusEverSet ||= context.workloadStatusSet;
  const outcome = error === undefined ? 'succeeded' : 'failed';
  runner.record({ hook, unitLife, outcome, ...optional('error', error) });
  runner.resolver.commit(operation, outcome);
  if (outcome === 'failed') {
    // R5.22: the unit's agent is in error until the hook is resolved.
    host.apply(
      setUnitStatus(host.state, {
        unit: runner.unit,
        agent: { current: 'error', message: `hook failed: "${hook.name}"` },
      }),
    );
  } else if (wasFailing) {
    host.apply(
      setUnitStatus(host.state, { unit: runner.unit, agent: { current: 'idle', message: '' } }),
    );
  }
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return (value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;
}

/** Hooks whose commit does something even when they wrote nothing. */
function needsAfterEffects(hook: Hook): boolean {
  return hook.kind === 'config-changed' || hook.kind === 'relation-broken' || hook.kind === 'start';
}

/** A hook that wrote nothing and has no after-effect commits nothing (the common case). */
function nothingToCommit(commit: HookCommit): boolean {
  return (
    commit.relationSettings.length === 0 &&
    commit.charmState === undefined &&
    commit.ports === undefined &&
    commit.refreshAddresses === undefined &&
    commit.leaveScope === undefined &&
    commit.startWithoutStatus !== true
  );
}
