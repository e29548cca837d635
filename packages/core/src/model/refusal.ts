/**
 * What an operation returns: a new state and the changes that lead to it, or a refusal carrying
 * Juju's message. A refused operation changes nothing.
 */
import type { ModelChange } from './changes.js';
import type { ModelState } from './model-state.js';

/** Error classes of refusals, named after Juju's error kinds. */
export type RefusalCode =
  | 'not-found'
  | 'already-exists'
  | 'not-valid'
  | 'not-alive'
  | 'not-supported'
  | 'ambiguous'
  | 'quota-limit-exceeded'
  | 'permission-denied'
  | 'has-subordinates';

/** Why an operation was not applied. */
export interface Refusal {
  readonly ok: false;
  readonly code: RefusalCode;
  /** Juju's message, e.g. `no relations found`. */
  readonly message: string;
}

/** An applied operation: the new state and what changed, in order. */
export interface Applied<T = undefined> {
  readonly ok: true;
  readonly state: ModelState;
  readonly changes: readonly ModelChange[];
  /** What the operation produced (a relation id, a unit name...). */
  readonly value: T;
}

/** The outcome of an operation. */
export type OperationResult<T = undefined> = Applied<T> | Refusal;

/** Builds a refusal. */
export function refuse(code: RefusalCode, message: string): Refusal {
  return { ok: false, code, message };
}
