/**
 * Endpoint inference for `integrate` (J: `InferEndpoints`; R2.10–R2.12): from one or two names to
 * the endpoints of exactly one possible relation, or Juju's refusal.
 */
import type { RelationEndpoint } from '../model/entities.js';
import { relationKey } from '../model/keys.js';
import type { ModelState } from '../model/model-state.js';
import type { Refusal } from '../model/refusal.js';
import { refuse } from '../model/refusal.js';
import { candidateEndpoints, isRefusal, parseEndpointName } from './internal/endpoint-names.js';

/** R2.1: different applications, equal interfaces, provider with requirer. */
export function canRelate(a: RelationEndpoint, b: RelationEndpoint): boolean {
  if (a.application === b.application || a.interface !== b.interface) return false;
  return (
    (a.role === 'provider' && b.role === 'requirer') ||
    (a.role === 'requirer' && b.role === 'provider')
  );
}

/** R2.2: a container-scoped pair needs at least one subordinate application. */
export function containerScopeOk(
  state: ModelState,
  a: RelationEndpoint,
  b: RelationEndpoint,
): boolean {
  if (a.scope !== 'container' && b.scope !== 'container') return true;
  return [a, b].some(
    (endpoint) => state.applications.get(endpoint.application)?.subordinate === true,
  );
}

function isImplicit(endpoint: RelationEndpoint): boolean {
  return (
    endpoint.name === 'juju-info' &&
    endpoint.interface === 'juju-info' &&
    endpoint.role === 'provider'
  );
}

/**
 * Infers the endpoints of the relation `names` describe.
 *
 * @example
 * inferEndpoints(state, ['app', 'db']); // the app:database and db:database endpoints
 */
export function inferEndpoints(
  state: ModelState,
  names: readonly string[],
): RelationEndpoint[] | Refusal {
  if (names.length !== 1 && names.length !== 2) {
    return refuse('not-valid', `cannot relate ${names.length} endpoints`);
  }
  const sides: RelationEndpoint[][] = [];
  for (const text of names) {
    const name = parseEndpointName(text);
    if (isRefusal(name)) return name;
    const endpoints = candidateEndpoints(state, name);
    if (isRefusal(endpoints)) return endpoints;
    sides.push(endpoints);
  }
  const [left = [], right] = sides;
  // R2.11: one name stands for the application's peer endpoints; R2.12: two names never do.
  const candidates: RelationEndpoint[][] =
    right === undefined
      ? left.filter((endpoint) => endpoint.role === 'peer').map((endpoint) => [endpoint])
      : left
          .filter((endpoint) => endpoint.role !== 'peer')
          .flatMap((a) =>
            right
              .filter((b) => b.role !== 'peer' && canRelate(a, b) && containerScopeOk(state, a, b))
              .map((b) => [a, b]),
          );
  const [only] = candidates;
  if (only === undefined) return refuse('not-found', 'no relations found');
  if (candidates.length === 1) return only;
  const explicit = candidates.filter((pair) => !pair.some(isImplicit));
  const [chosen] = explicit;
  if (explicit.length === 1 && chosen !== undefined) return chosen;
  const keys = candidates.map((pair) => `"${relationKey(pair)}"`).sort();
  return refuse(
    'ambiguous',
    `ambiguous relation: "${names.join(' ')}" could refer to ${keys.join('; ')}`,
  );
}
