/**
 * Running one hook operation of a unit (R4.10–R4.12, R5.22, R6.1–R6.5): build its context, run
 * the charm's process under the machine lock with the hook tools served, then send its buffered
 * writes and the unit's next uniter state in one commit if it succeeded, or record the failure.
 * Nothing the hook buffered reaches the controller unless the process exited 0.
 */
import { commitOperation } from '@loom/core';
import type { Hook, UniterOperation } from '@loom/core';
import { ApiCallError, EMPTY_HOOK_COMMIT, encodeHook, encodeUniterState } from '@loom/protocol';
import type { HookCommitDocument } from '@loom/protocol';

import { hookEnvironment, newContextId } from '../hooks/hook-environment.js';
import { runHookProcess } from '../hooks/hook-process.js';
import { bufferedWrites, hookContext, toolContext, underLocks } from './run-context.js';
import type { UnitRuntime } from './unit-runtime.js';

type RunHook = Extract<UniterOperation, { kind: 'run-hook' }>;

/** How a hook operation ended. */
export type HookRunOutcome = 'succeeded' | 'failed';

/** Runs (or, when skipped, records) a hook and commits its outcome; resolves with it. */
export async function runHookOperation(
  runtime: UnitRuntime,
  operation: RunHook,
): Promise<HookRunOutcome> {
  const { hook } = operation;
  if (operation.skip === true) {
    await commit(runtime, operation, afterEffects(runtime, hook, EMPTY_HOOK_COMMIT));
    return 'succeeded';
  }
  return underLocks(runtime, async () => {
    const contextId = newContextId(runtime.unit, hook.name);
    const context = hookContext(runtime, hook.name, hook);
    const tools = toolContext(runtime, context, undefined);
    runtime.tools.begin(contextId, tools);
    let result;
    const started = performance.now();
    try {
      result = await runHookProcess({
        charmDir: runtime.environment.charmDir,
        dispatchPath: `hooks/${hook.name}`,
        environment: hookEnvironment(runtime.environment, { contextId, hook }),
        ...(runtime.hookTimeoutMs === undefined ? {} : { timeoutMs: runtime.hookTimeoutMs }),
        onOutput: (stream, line) => {
          runtime.logs.add(
            runtime.unit,
            hook.name,
            stream === 'stdout' ? 'DEBUG' : 'WARNING',
            line,
          );
        },
      });
    } finally {
      runtime.tools.end();
    }
    if (result.kind === 'missing')
      runtime.logs.add(runtime.unit, hook.name, 'INFO', `skipped "${hook.name}" hook (missing)`);
    else
      runtime.logs.add(
        runtime.unit,
        hook.name,
        'DEBUG',
        `ran "${hook.name}" hook in ${(performance.now() - started).toFixed(1)} ms`,
      );
    if (result.kind === 'failed') {
      runtime.logs.add(
        runtime.unit,
        hook.name,
        'ERROR',
        `hook "${hook.name}" failed: ${result.message}`,
      );
      await fail(runtime, operation);
      return 'failed';
    }
    const written: HookCommitDocument = {
      ...bufferedWrites(tools),
      startWithoutStatus:
        hook.kind === 'start' && !runtime.statusEverSet && !context.workloadStatusSet,
    };
    runtime.statusEverSet ||= context.workloadStatusSet;
    try {
      await commit(runtime, operation, afterEffects(runtime, hook, written));
    } catch (error) {
      if (!(error instanceof ApiCallError)) throw error;
      // R4.8: a commit the controller refuses (leadership lost, a port clash) fails the hook.
      runtime.logs.add(
        runtime.unit,
        hook.name,
        'ERROR',
        `hook "${hook.name}" commit refused: ${error.message}`,
      );
      await fail(runtime, operation);
      return 'failed';
    } finally {
      await runtime.logs.flush();
    }
    return 'succeeded';
  });
}

/** R4.4 after `config-changed`, R3.9 after `-relation-broken`. */
function afterEffects(
  runtime: UnitRuntime,
  hook: Hook,
  written: HookCommitDocument,
): HookCommitDocument {
  return {
    ...written,
    ...(hook.kind === 'config-changed'
      ? { refreshAddresses: { ingressAddress: runtime.address, egressSubnets: null } }
      : {}),
    ...(hook.kind === 'relation-broken' && hook.relation !== undefined
      ? { leaveScope: hook.relation.id }
      : {}),
  };
}

async function commit(
  runtime: UnitRuntime,
  operation: RunHook,
  written: HookCommitDocument,
): Promise<void> {
  const next = commitOperation(runtime.resolver.state, operation, 'succeeded');
  const { revision } = await runtime.client.call('agent/commit-hook', {
    model: runtime.model,
    unit: runtime.unit,
    hook: encodeHook(operation.hook),
    commit: written,
    uniterState: encodeUniterState(next),
  });
  runtime.resolver.commit(operation, 'succeeded');
  await runtime.mirror.whenAt(revision);
}

async function fail(runtime: UnitRuntime, operation: RunHook): Promise<void> {
  const next = commitOperation(runtime.resolver.state, operation, 'failed');
  const { revision } = await runtime.client.call('agent/fail-hook', {
    model: runtime.model,
    unit: runtime.unit,
    hook: encodeHook(operation.hook),
    uniterState: encodeUniterState(next),
  });
  runtime.resolver.commit(operation, 'failed');
  await runtime.mirror.whenAt(revision);
}
