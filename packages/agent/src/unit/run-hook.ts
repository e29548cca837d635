/**
 * Running one hook operation of a unit (R4.10–R4.12, R5.22, R6.1–R6.5): build its context, run
 * the charm's process under the machine lock with the hook tools served, then send its buffered
 * writes and the unit's next uniter state in one commit if it succeeded, or record the failure.
 * Nothing the hook buffered reaches the controller unless the process exited 0.
 */
import { afterHookEffects, commitOperation } from '@loom/core';
import type { Hook, LogLevel, UniterOperation } from '@loom/core';
import { ApiCallError, EMPTY_HOOK_COMMIT, encodeHook, encodeUniterState } from '@loom/protocol';
import type { HookCommitDocument } from '@loom/protocol';

import { hookEnvironment, newContextId } from '../hooks/hook-environment.js';
import { runHookProcess } from '../hooks/hook-process.js';
import { bufferedWrites, hookContext, inHookSlot, toolContext } from './run-context.js';
import type { UnitRuntime } from './unit-runtime.js';

type RunHook = Extract<UniterOperation, { kind: 'run-hook' }>;

/** Runs (or, when skipped, records) a hook and commits its outcome. */
export async function runHookOperation(runtime: UnitRuntime, operation: RunHook): Promise<void> {
  const { hook } = operation;
  const log = (level: LogLevel, message: string) => {
    runtime.logs.add(runtime.unit, hook.name, level, message);
  };
  if (operation.skip === true) {
    await record(runtime, operation, 'succeeded', afterEffects(runtime, hook, EMPTY_HOOK_COMMIT));
    return;
  }
  await runtime.lock.hold(async () => {
    const contextId = newContextId(runtime.unit, hook.name);
    const context = hookContext(runtime, hook.name, hook);
    const tools = toolContext(runtime, context, undefined);
    let took = 0;
    const activity = `running ${hook.name} hook`;
    const result = await inHookSlot(runtime, activity, contextId, tools, async () => {
      const started = performance.now();
      const ran = await runHookProcess({
        charmDir: runtime.environment.charmDir,
        environment: hookEnvironment(runtime.environment, { contextId, hook }),
        ...(runtime.hookTimeoutMs === undefined ? {} : { timeoutMs: runtime.hookTimeoutMs }),
        onOutput: (stream, line) => {
          log(stream === 'stdout' ? 'DEBUG' : 'WARNING', line);
        },
      });
      took = performance.now() - started;
      return ran;
    });
    if (result.kind === 'missing') log('INFO', `skipped "${hook.name}" hook (missing)`);
    else log('DEBUG', `ran "${hook.name}" hook in ${took.toFixed(1)} ms`);
    if (result.kind === 'failed') log('ERROR', `hook "${hook.name}" failed: ${result.message}`);
    // The hook's lines go out while its outcome is committed.
    const logged = runtime.logs.flush();
    try {
      if (result.kind === 'failed') {
        await record(runtime, operation, 'failed');
        return;
      }
      const written: HookCommitDocument = {
        ...bufferedWrites(tools),
        startWithoutStatus:
          hook.kind === 'start' && !runtime.statusEverSet && !context.workloadStatusSet,
      };
      runtime.statusEverSet ||= context.workloadStatusSet;
      try {
        await record(runtime, operation, 'succeeded', afterEffects(runtime, hook, written));
      } catch (error) {
        if (!(error instanceof ApiCallError)) throw error;
        // R4.8: a commit the controller refuses (leadership lost, a port clash) fails the hook.
        log('ERROR', `hook "${hook.name}" commit refused: ${error.message}`);
        await record(runtime, operation, 'failed');
      }
    } finally {
      await logged;
    }
  });
}

/** `written` with core's after-effects of `hook` (R4.4, R3.9), for the machine's address. */
function afterEffects(
  runtime: UnitRuntime,
  hook: Hook,
  written: HookCommitDocument,
): HookCommitDocument {
  const { refreshAddresses, leaveScope } = afterHookEffects(hook, runtime.address);
  return {
    ...written,
    refreshAddresses:
      refreshAddresses === undefined
        ? written.refreshAddresses
        : { ingressAddress: refreshAddresses.ingressAddress ?? null, egressSubnets: null },
    leaveScope: leaveScope ?? written.leaveScope,
  };
}

/**
 * Sends a hook's outcome with the unit's next uniter state — its writes when it succeeded, the
 * failure otherwise (R5.22) — then moves the resolver on and waits for the mirror to hold it.
 */
async function record(
  runtime: UnitRuntime,
  operation: RunHook,
  outcome: 'succeeded' | 'failed',
  written: HookCommitDocument = EMPTY_HOOK_COMMIT,
): Promise<void> {
  const request = {
    model: runtime.model,
    unit: runtime.unit,
    hook: encodeHook(operation.hook),
    uniterState: encodeUniterState(commitOperation(runtime.resolver.state, operation, outcome)),
  };
  const { revision } =
    outcome === 'succeeded'
      ? await runtime.client.call('agent/commit-hook', { ...request, commit: written })
      : await runtime.client.call('agent/fail-hook', request);
  runtime.resolver.commit(operation, outcome);
  await runtime.mirror.whenAt(revision);
}
