/**
 * What a hook tool works on: the hook's context from core (reads with Juju's caching, buffered
 * relation and state writes, immediate effects), plus what the agent alone knows — the machine's
 * address, the hook's port requests and the running action.
 */
import type { HookContext, ModelState, OpenedPort } from '@loom/core';

/** The action a hook-like run carries out (`loom run-action`), if any. */
export interface ActionRun {
  readonly name: string;
  readonly id: string;
  readonly params: Readonly<Record<string, unknown>>;
  /** `action-set` values: dotted keys become nested maps. */
  readonly results: Record<string, unknown>;
  /** `action-fail`: the message, once called. */
  failure: string | undefined;
  /** `action-log`: sent at once. */
  log(message: string): Promise<void>;
}

/** The hook's `open-port` / `close-port` requests, deferred to its commit (R7.23). */
export interface PortRequests {
  readonly open: OpenedPort[];
  readonly close: OpenedPort[];
}

/** Everything a tool call can reach. */
export interface ToolContext {
  readonly hook: HookContext;
  /** The model as the agent's mirror holds it now. */
  readonly model: () => ModelState;
  readonly unit: string;
  readonly machine: string;
  /** The machine's address: private, public and ingress address of its units. */
  readonly address: string;
  /** The unit's opened ports when the hook started (R7.24). */
  readonly portsAtStart: readonly OpenedPort[];
  readonly portRequests: PortRequests;
  readonly action: ActionRun | undefined;
}
