/**
 * Handlers that run when flag conditions hold, dispatched as charms.reactive's bus does
 * (spec/reactive-endpoint.md §6): every matching handler runs at least once per hook; flags a
 * handler sets wake handlers only in the next iteration; a clear re-tests the handlers still
 * queued in the pass; a handler runs again only when one of its own flags changed in the previous
 * pass; at most 100 iterations.
 */
import type { FlagStore } from './flags.js';

/** The conditions of a handler: all of `when`, none of `whenNot`, any of `whenAny`... */
export interface Conditions {
  readonly when?: readonly string[];
  readonly whenNot?: readonly string[];
  readonly whenAny?: readonly string[];
  readonly whenNotAll?: readonly string[];
}

/** A registered handler. */
export interface Handler {
  /** For logs: the handler's name and, for an endpoint's, the endpoint. */
  readonly id: string;
  readonly conditions: Conditions;
  readonly run: () => void | Promise<void>;
}

/** The iteration cap of the bus. */
export const MAX_ITERATIONS = 100;

function flagsOf(conditions: Conditions): string[] {
  return [
    ...(conditions.when ?? []),
    ...(conditions.whenNot ?? []),
    ...(conditions.whenAny ?? []),
    ...(conditions.whenNotAll ?? []),
  ];
}

/** Whether the handler's conditions hold now. */
export function conditionsHold(flags: FlagStore, conditions: Conditions): boolean {
  const isSet = (flag: string) => flags.isSet(flag);
  return (
    (conditions.when ?? []).every(isSet) &&
    !(conditions.whenNot ?? []).some(isSet) &&
    conditions.whenAny?.some(isSet) !== false &&
    conditions.whenNotAll?.every(isSet) !== true
  );
}

/**
 * Runs the handlers to a fixed point. Returns the ids of the handlers run, in order.
 *
 * @throws Error when 100 iterations did not reach it (a loop between handlers), or what a
 *   handler threw.
 */
export async function dispatch(flags: FlagStore, handlers: readonly Handler[]): Promise<string[]> {
  const ran: string[] = [];
  flags.takeChanges();
  let changed: Set<string> | undefined;
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration += 1) {
    const watched = changed;
    const test = (handler: Handler) =>
      (watched === undefined || flagsOf(handler.conditions).some((flag) => watched.has(flag))) &&
      conditionsHold(flags, handler.conditions);
    let queue = handlers.filter(test);
    if (queue.length === 0) return ran;
    while (queue.length > 0) {
      flags.takeRemoved();
      const [handler, ...rest] = queue;
      if (handler === undefined) break;
      queue = rest;
      await handler.run();
      ran.push(handler.id);
      // A clear: what is still queued is tested again, so nothing runs past its condition.
      if (flags.takeRemoved())
        queue = queue.filter((next) => conditionsHold(flags, next.conditions));
    }
    changed = flags.takeChanges();
  }
  throw new Error(
    `handlers kept changing flags for ${MAX_ITERATIONS} iterations; the last ran: ${ran.slice(-5).join(', ')}`,
  );
}
