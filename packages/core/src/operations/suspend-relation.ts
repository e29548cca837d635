/**
 * `suspend-relation` and `resume-relation` (R8.7): only a relation connected through an offer can
 * be suspended. Its units then depart and leave scope as for a Dying relation (R5.25), the
 * relation staying; resumed, they enter again as if it were new.
 */
import type { ModelState } from '../model/model-state.js';
import type { OperationResult } from '../model/refusal.js';
import { refuse } from '../model/refusal.js';
import { ModelTransaction } from '../model/transaction.js';
import { setSuspension } from './internal/relation-lifecycle.js';

/**
 * Suspends (with a reason shown by status) or resumes a relation.
 *
 * @example
 * setRelationSuspended(state, { relationId: 0, suspended: true, reason: 'maintenance' });
 */
export function setRelationSuspended(
  state: ModelState,
  input: { readonly relationId: number; readonly suspended: boolean; readonly reason?: string },
): OperationResult {
  const relation = state.relations.get(input.relationId);
  if (relation === undefined) return refuse('not-found', `relation ${input.relationId} not found`);
  if (relation.crossModel?.offer === undefined)
    return refuse(
      'not-supported',
      `cannot set suspend status for "${relation.key}" which is not associated with an offer`,
    );
  if (relation.life !== 'alive')
    return refuse(
      'not-alive',
      `relation "${relation.key}" is dying and cannot be suspended or resumed`,
    );
  const txn = new ModelTransaction(state);
  setSuspension(txn, relation, input.suspended, input.suspended ? (input.reason ?? '') : '');
  return txn.commit(undefined);
}
