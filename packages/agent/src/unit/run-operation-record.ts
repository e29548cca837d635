/**
 * Running an exec or an action queued for the unit (`loom exec`, `loom run`): started, run under
 * the machine lock and in a hook slot with the hook tools served (action tools for actions), then
 * finished with its results and — when it succeeded — its buffered writes, in one transaction.
 */
import type { OperationDocument } from '@loom/protocol';

import { hookEnvironment, newContextId } from '../hooks/hook-environment.js';
import { runExecProcess } from '../hooks/exec-process.js';
import { runHookProcess } from '../hooks/hook-process.js';
import type { ActionRun } from '../tools/tool-context.js';
import { bufferedWrites, hookContext, inHookSlot, toolContext } from './run-context.js';
import type { UnitRuntime } from './unit-runtime.js';

const DEFAULT_EXEC_TIMEOUT_S = 300;

interface Finished {
  readonly status: 'completed' | 'failed';
  readonly results: Record<string, unknown>;
  readonly message: string;
  readonly commit: boolean;
}

/** Runs one open operation of the unit to its end. */
export async function runOperationRecord(
  runtime: UnitRuntime,
  operation: OperationDocument,
): Promise<void> {
  const { client, model, unit } = runtime;
  if (operation.status === 'pending')
    await client.call('agent/operation-started', { model, unit, id: operation.id });
  // `loom exec` runs as Juju's juju-exec action does.
  const name = operation.kind === 'exec' ? 'juju-exec' : operation.name;
  const label = operation.kind === 'exec' ? name : `action ${name}`;
  await runtime.lock.hold(async () => {
    const action: ActionRun | undefined =
      operation.kind === 'action'
        ? {
            name: operation.name,
            id: String(operation.id),
            params: operation.params,
            results: {},
            failure: undefined,
            log: (message) => {
              runtime.logs.add(unit, label, 'INFO', message);
              return Promise.resolve();
            },
          }
        : undefined;
    const context = hookContext(runtime, label);
    const tools = toolContext(runtime, context, action);
    const contextId = newContextId(
      unit,
      operation.kind === 'exec' ? 'run-commands' : operation.name,
    );
    const finished = await inHookSlot(runtime, `running action ${name}`, contextId, tools, () =>
      action === undefined
        ? execute(runtime, operation, contextId)
        : act(runtime, action, contextId, label),
    );
    const logged = runtime.logs.flush();
    const { revision } = await client.call('agent/operation-finished', {
      model,
      unit,
      id: operation.id,
      status: finished.status,
      results: finished.results,
      message: finished.message,
      ...(finished.commit ? { commit: bufferedWrites(tools) } : {}),
    });
    await logged;
    await runtime.mirror.whenAt(revision);
  });
}

async function execute(
  runtime: UnitRuntime,
  operation: OperationDocument,
  contextId: string,
): Promise<Finished> {
  const command = String(operation.params.command);
  const seconds = Number(operation.params.timeout ?? DEFAULT_EXEC_TIMEOUT_S);
  const outcome = await runExecProcess(command, {
    cwd: runtime.environment.charmDir,
    environment: hookEnvironment(runtime.environment, { contextId }),
    timeoutMs: seconds * 1000,
  });
  const results = { 'return-code': outcome.code, stdout: outcome.stdout, stderr: outcome.stderr };
  if (outcome.timedOut)
    return { status: 'failed', results, message: `timed out after ${seconds} s`, commit: false };
  return { status: 'completed', results, message: '', commit: outcome.code === 0 };
}

async function act(
  runtime: UnitRuntime,
  action: ActionRun,
  contextId: string,
  label: string,
): Promise<Finished> {
  const output: Record<'stdout' | 'stderr', string[]> = { stdout: [], stderr: [] };
  const outcome = await runHookProcess({
    charmDir: runtime.environment.charmDir,
    environment: hookEnvironment(runtime.environment, {
      contextId,
      dispatchPath: `actions/${action.name}`,
      extra: {
        JUJU_ACTION_NAME: action.name,
        JUJU_ACTION_UUID: action.id,
        JUJU_ACTION_TAG: `action-${action.id}`,
      },
    }),
    onOutput: (stream, line) => {
      output[stream].push(line);
      runtime.logs.add(runtime.unit, label, stream === 'stdout' ? 'DEBUG' : 'WARNING', line);
    },
  });
  const results: Record<string, unknown> = { ...action.results };
  if (output.stdout.length > 0) results.stdout = `${output.stdout.join('\n')}\n`;
  if (output.stderr.length > 0) results.stderr = `${output.stderr.join('\n')}\n`;
  if (outcome.kind === 'missing')
    return {
      status: 'failed',
      results,
      message: `action "${action.name}" has no actions/${action.name} or dispatch in the charm`,
      commit: false,
    };
  if (outcome.kind === 'failed')
    return { status: 'failed', results, message: outcome.message, commit: false };
  results['return-code'] = 0;
  if (action.failure !== undefined)
    return { status: 'failed', results, message: action.failure, commit: true };
  return { status: 'completed', results, message: '', commit: true };
}
