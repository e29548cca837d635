/**
 * What the uniter asks its runner to do next. A hook runs a charm process (or an in-process
 * handler); the other operations change the model or only the uniter's own state.
 */
import type { Hook } from './hook.js';

/** One step of a uniter. */
export type UniterOperation =
  /** Run a hook; with `skip`, record it as done without running it (R5.21, R5.23). */
  | { readonly kind: 'run-hook'; readonly hook: Hook; readonly skip?: true }
  /** R3.4: enter a relation's scope (before its `-relation-created`). */
  | {
      readonly kind: 'enter-scope';
      readonly relationId: number;
      readonly endpoint: string;
      readonly remoteApplication: string;
      readonly peer: boolean;
      readonly implicit: boolean;
    }
  /** R5.20: leave an implicit relation that is Dying or suspended, without hooks. */
  | { readonly kind: 'leave-scope'; readonly relationId: number }
  /** R5.21: the controller made the unit leader; `leader-elected` is queued. */
  | { readonly kind: 'accept-leadership' }
  /** R5.21: the unit is no longer leader (or is Dying); no hook runs. */
  | { readonly kind: 'resign-leadership' }
  /** R3.17 (1), R5.18: a Dying principal destroys its subordinate units first. */
  | { readonly kind: 'destroy-subordinates' }
  /** R3.17 (2): a subordinate with no Alive container relation to its principal destroys itself. */
  | { readonly kind: 'destroy-self' }
  /** R3.15: after `remove`, the unit becomes Dead and is removed. */
  | { readonly kind: 'set-dead' };

/** How running an operation went: a hook fails when its process exits non-zero (R5.22). */
export type OperationOutcome = 'succeeded' | 'failed';
