/**
 * Committing a write to a bag (R4.5, R4.6, R4.11): applied as a delta; an empty value deletes the
 * key; a write that changes nothing bumps no version and so wakes nobody.
 */
import type { BagOwner } from '../model/entities.js';
import type { ModelState } from '../model/model-state.js';
import { applyBagDelta } from '../model/bag-delta.js';
import { applicationBag, endpointOf, unitBag } from '../model/queries.js';
import type { OperationResult } from '../model/refusal.js';
import { refuse } from '../model/refusal.js';
import { ModelTransaction } from '../model/transaction.js';

/** A write to one bag: keys to new values, `""` deleting the key. */
export interface BagWriteInput {
  readonly relationId: number;
  readonly owner: BagOwner;
  readonly settings: ReadonlyMap<string, string>;
}

/** The bag's version after the write, and whether anything changed. */
export interface BagWritten {
  readonly version: number;
  readonly changed: boolean;
}

/**
 * Applies a write. Permissions are not checked here (see permissions.ts): callers check who may
 * write, this applies what was allowed.
 *
 * @example
 * commitBagWrite(state, { relationId: 0, owner: { kind: 'unit', unit: 'db/0' }, settings: new Map([['host', '10.0.0.9']]) });
 */
export function commitBagWrite(
  state: ModelState,
  input: BagWriteInput,
): OperationResult<BagWritten> {
  const relation = state.relations.get(input.relationId);
  if (relation === undefined) return refuse('not-found', `relation ${input.relationId} not found`);
  const { owner } = input;
  if (owner.kind === 'application' && endpointOf(relation, owner.application) === undefined) {
    return refuse(
      'not-valid',
      `application "${owner.application}" is not in relation "${relation.key}"`,
    );
  }
  if (owner.kind === 'unit' && state.memberships.get(relation.id)?.has(owner.unit) !== true) {
    return refuse(
      'not-valid',
      `unit "${owner.unit}" is not in the scope of relation "${relation.key}"`,
    );
  }
  for (const key of input.settings.keys()) {
    if (key === '') return refuse('not-valid', 'relation settings keys cannot be empty');
  }
  const bag =
    owner.kind === 'unit'
      ? unitBag(state, relation.id, owner.unit)
      : applicationBag(state, relation.id, owner.application);
  const txn = new ModelTransaction(state);
  const written = applyBagDelta(bag, input.settings);
  if (written === undefined) return txn.commit({ version: bag.version, changed: false });
  txn.putBag(relation.id, owner, written);
  return txn.commit({ version: written.version, changed: true });
}
