/**
 * What a hook tool works on: the hook's context from core (reads with Juju's caching, buffered
 * relation and state writes, immediate effects), plus what the agent alone knows — the machine's
 * address and the running action.
 */
import type { ActionResults, HookContext, ModelState } from '@loom/core';

/** The action a hook-like run carries out (`loom run-action`), if any. */
export interface ActionRun {
  readonly name: string;
  readonly id: string;
  readonly params: Readonly<Record<string, unknown>>;
  /** `action-set` values: dotted keys become nested maps. */
  readonly results: ActionResults;
  /** `action-fail`: the message, once called. */
  failure: string | undefined;
  /** `action-log`: sent at once. */
  log(message: string): Promise<void>;
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
  readonly action: ActionRun | undefined;
}
