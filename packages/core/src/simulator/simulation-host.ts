/**
 * What executing a unit's operations needs from the simulator.
 */
import type { HookContext } from '../hook-context/hook-context.js';
import type { ModelState } from '../model/model-state.js';
import type { OperationResult } from '../model/refusal.js';
import type { CompatibilityOptions } from '../uniter/uniter-options.js';

/**
 * A charm's behaviour in the simulator: called once per hook with the hook's context (the same
 * operations as hook tools; `context.environment` holds its `JUJU_*` variables). Throwing (or
 * rejecting) fails the hook (R5.22); the hook's buffered writes are then discarded. A handler
 * that returns a promise runs only under the simulator's async methods (`settleAsync`, ...).
 */
export type CharmHandler = (context: HookContext) => void | Promise<void>;

/** The simulator as seen by the code that runs operations. */
export interface SimulationHost {
  readonly state: ModelState;
  readonly compatibility: Partial<CompatibilityOptions>;
  /** Applies a model operation's result (if it applied) and wakes the units it concerns. */
  apply<T>(result: OperationResult<T>): OperationResult<T>;
  handlerFor(unit: string): CharmHandler | undefined;
  /** The ingress address of a unit (its machine's). */
  addressOf(unit: string): string;
}
