/**
 * What one run of charm code gets — a hook, an action or `loom exec`: core's hook context
 * reading the mirror with immediate effects sent to the controller, the tools' context around
 * it, and, at the end, the writes it buffered as a commit document.
 */
import { HookContext, HookToolError } from '@loom/core';
import type { Hook } from '@loom/core';
import { ApiCallError, EMPTY_HOOK_COMMIT, encodeOwner, mapToObject } from '@loom/protocol';
import type { HookCommitDocument } from '@loom/protocol';

import type { ActionRun, ToolContext } from '../tools/tool-context.js';
import type { UnitRuntime } from './unit-runtime.js';

/**
 * A run's hook context. `label` names the run in the debug log (the hook's name, or
 * `juju-exec`, or the action's).
 */
export function hookContext(runtime: UnitRuntime, label: string, hook?: Hook): HookContext {
  const { client, model, unit } = runtime;
  // Read-your-writes: a tool answers once the mirror holds what it wrote.
  const applied = async (written: Promise<{ revision: number }>) => {
    try {
      await runtime.mirror.whenAt((await written).revision);
    } catch (error) {
      if (error instanceof ApiCallError && error.status === 403)
        throw new HookToolError('not-leader', error.message, 1);
      throw error;
    }
  };
  return new HookContext({
    model: () => runtime.mirror.state,
    unit,
    ...(hook === undefined ? {} : { hook }),
    uniter: runtime.resolver.state,
    memberCache: runtime.memberCache,
    effects: {
      writeLeaderSettings: (settings) =>
        applied(client.call('agent/leader-set', { model, unit, settings: mapToObject(settings) })),
      setStatus: (status, application) =>
        applied(client.call('agent/set-status', { model, unit, status, application })),
      setWorkloadVersion: (version) =>
        applied(client.call('agent/set-workload-version', { model, unit, version })),
      log: (level, message) => {
        runtime.logs.add(unit, label, level, message);
      },
    },
  });
}

/** The tools' view of a run. */
export function toolContext(
  runtime: UnitRuntime,
  context: HookContext,
  action: ActionRun | undefined,
): ToolContext {
  return {
    hook: context,
    model: () => runtime.mirror.state,
    unit: runtime.unit,
    machine: runtime.machine,
    address: runtime.address,
    action,
  };
}

/** What the run buffered (R4.10): relation writes, charm state and port requests. */
export function bufferedWrites(tools: ToolContext): HookCommitDocument {
  const context = tools.hook;
  const charmState = context.changedCharmState();
  const ports = context.portChanges();
  return {
    ...EMPTY_HOOK_COMMIT,
    relationSettings: context.relationWrites().map((write) => ({
      relationId: write.relationId,
      owner: encodeOwner(write.owner),
      settings: mapToObject(write.settings),
    })),
    charmState: charmState === undefined ? null : mapToObject(charmState),
    ports: ports === undefined ? null : { open: [...ports.open], close: [...ports.close] },
  };
}

/**
 * Runs a run's process in one of the controller's hook slots (a limit across all machines), with
 * its hook tools served meanwhile; the slot is given back however the process ends. `activity`
 * is what status shows the agent executing meanwhile ("running install hook").
 */
export async function inHookSlot<T>(
  runtime: UnitRuntime,
  activity: string,
  contextId: string,
  tools: ToolContext,
  work: () => Promise<T>,
): Promise<T> {
  const { client, model, unit } = runtime;
  await client.call('agent/acquire-hook-slot', { model, unit, activity });
  runtime.tools.begin(contextId, tools);
  try {
    return await work();
  } finally {
    runtime.tools.end();
    await client.call('agent/release-hook-slot', { model, unit });
  }
}
