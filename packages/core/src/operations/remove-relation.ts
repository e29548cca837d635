/**
 * `remove-relation` (R3.14, R3.12): by two endpoint names or by id. Peer relations are refused;
 * an empty relation goes at once, otherwise it becomes Dying.
 */
import type { Relation } from '../model/entities.js';
import type { ModelState } from '../model/model-state.js';
import { relationsOf } from '../model/queries.js';
import type { OperationResult, Refusal } from '../model/refusal.js';
import { refuse } from '../model/refusal.js';
import { ModelTransaction } from '../model/transaction.js';
import { hasApplication, isRefusal, parseEndpointName } from './internal/endpoint-names.js';
import type { EndpointName } from './internal/endpoint-names.js';
import { destroyRelation } from './internal/relation-lifecycle.js';

/** Which relation to remove: two endpoint names (`app`, `app:ep`) or a relation id. */
export type RemoveRelationInput =
  { readonly endpoints: readonly string[] } | { readonly relationId: number };

/**
 * Destroys a relation. A relation that is already Dying is left as it is.
 *
 * @example
 * removeRelation(state, { endpoints: ['app', 'db'] });
 * removeRelation(state, { relationId: 3 });
 */
export function removeRelation(
  state: ModelState,
  input: RemoveRelationInput,
): OperationResult<{ relationId: number }> {
  const relation =
    'relationId' in input ? findById(state, input.relationId) : findByNames(state, input.endpoints);
  if (isRefusal(relation)) return relation;
  const txn = new ModelTransaction(state);
  const refusal = destroyRelation(txn, relation.id, { allowPeer: false });
  if (refusal !== undefined) return refusal;
  return txn.commit({ relationId: relation.id });
}

function findById(state: ModelState, relationId: number): Relation | Refusal {
  return state.relations.get(relationId) ?? refuse('not-found', `relation ${relationId} not found`);
}

/** J: `InferActiveRelation`: the relations whose endpoints match both names. */
function findByNames(state: ModelState, names: readonly string[]): Relation | Refusal {
  if (names.length !== 2) return refuse('not-valid', 'a relation must involve two applications');
  const parsed: EndpointName[] = [];
  for (const text of names) {
    const name = parseEndpointName(text);
    if (isRefusal(name)) return name;
    if (!hasApplication(state, name.application)) {
      return refuse('not-found', `application "${name.application}" not found`);
    }
    parsed.push(name);
  }
  const [first, second] = parsed as [EndpointName, EndpointName];
  const matching = relationsOf(state, first.application).filter(
    (relation) =>
      relation.endpoints.length === 2 &&
      relation.endpoints.some(
        (endpoint, index) =>
          matches(endpoint, first) && matches(relation.endpoints[1 - index] ?? endpoint, second),
      ),
  );
  const [only] = matching;
  const shown = names.join(' ');
  if (only === undefined) return refuse('not-found', `relation matching "${shown}" not found`);
  if (matching.length === 1) return only;
  const keys = matching.map((relation) => `"${relation.key}"`).sort();
  return refuse('ambiguous', `ambiguous relation: "${shown}" could refer to ${keys.join('; ')}`);
}

function matches(endpoint: { application: string; name: string }, name: EndpointName): boolean {
  return (
    endpoint.application === name.application &&
    (name.endpoint === undefined || endpoint.name === name.endpoint)
  );
}
