/**
 * Running one hook in the simulator: build its context, call the charm's handler, commit its
 * buffered writes in one model operation if it succeeded (R4.10), record it, and put the unit in
 * error if it failed (R5.22).
 */
import { HookContext } from '../hook-context/hook-context.js';
import { HookToolError } from '../hook-context/hook-tool-error.js';
import { afterHookEffects, commitHook } from '../operations/commit-hook.js';
import type { HookCommit } from '../operations/commit-hook.js';
import { writeLeaderSettings } from '../operations/leader-settings.js';
import { setApplicationStatus, setUnitStatus } from '../operations/unit-status.js';
import type { Hook } from '../uniter/hook.js';
import type { UniterOperation } from '../uniter/uniter-operation.js';
import type { SimulationHost } from './simulation-host.js';
import type { UnitRunner } from './unit-runner.js';

/** Runs (or, when `skip`, records without running) a hook operation. */
export function runHook(
  host: SimulationHost,
  runner: UnitRunner,
  operation: Extract<UniterOperation, { kind: 'run-hook' }>,
): void {
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
    return;
  }
  const context = new HookContext({
    model: () => host.state,
    unit: runner.unit,
    hook,
    uniter: runner.resolver.state,
    memberCache: runner.memberCache,
    environment: () => runner.environment(hook),
    options: host.compatibility,
    effects: {
      writeLeaderSettings: (settings) => {
        const result = host.apply(writeLeaderSettings(host.state, { unit: runner.unit, settings }));
        if (!result.ok) throw new HookToolError('not-leader', result.message, 1);
      },
      setStatus: (status, application) => {
        host.apply(
          application
            ? setApplicationStatus(host.state, { unit: runner.unit, status })
            : setUnitStatus(host.state, { unit: runner.unit, workload: status }),
        );
      },
      setWorkloadVersion: (workloadVersion) => {
        host.apply(setUnitStatus(host.state, { unit: runner.unit, workloadVersion }));
      },
      log: (level, message) => {
        runner.logs.push({ level, message });
      },
    },
  });
  let error: string | undefined;
  try {
    const returned: unknown = host.handlerFor(runner.unit)?.(context);
    if (returned instanceof Promise) {
      throw new Error('charm handlers run synchronously in the simulator; do not return a promise');
    }
  } catch (thrown) {
    error = thrown instanceof Error ? thrown.message : String(thrown);
  }
  if (error === undefined && (context.hasBufferedWrites || needsAfterEffects(hook))) {
    const commit: HookCommit = {
      unit: runner.unit,
      relationSettings: context.relationWrites(),
      ...optional('charmState', context.changedCharmState()),
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
    commit.refreshAddresses === undefined &&
    commit.leaveScope === undefined &&
    commit.startWithoutStatus !== true
  );
}
