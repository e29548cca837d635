/**
 * `integrate` (alias `relate`): infers the endpoints (R2.10–R2.12), runs Juju's AddRelation checks
 * in order (R2.13–R2.15) and creates the relation (R2.3, R2.17–R2.21).
 */
import type { CrossModelLink, RelationEndpoint } from '../model/entities.js';
import { endpointReference, relationKey } from '../model/keys.js';
import type { ModelState } from '../model/model-state.js';
import { endpointOf, relationByKey, relationsOf } from '../model/queries.js';
import type { OperationResult, Refusal } from '../model/refusal.js';
import { refuse } from '../model/refusal.js';
import { ModelTransaction } from '../model/transaction.js';
import { canRelate, containerScopeOk, inferEndpoints } from './infer-endpoints.js';
import { isRefusal } from './internal/endpoint-names.js';
import { createRelation } from './internal/relation-lifecycle.js';

/** The relation `integrate` created. */
export interface Integrated {
  readonly relationId: number;
  readonly key: string;
}

/** What `integrate` relates: one or two endpoint names, and `--via` subnets for a SAAS (R8.6). */
export interface IntegrateInput {
  readonly endpoints: readonly string[];
  readonly via?: readonly string[];
}

/**
 * Relates two applications. A SAAS relates like a local application (R8.2); the relation then
 * waits for the offering model to register it (R8.3).
 *
 * @example
 * const result = integrate(state, { endpoints: ['app', 'db'] });
 * // result.value: { relationId: 0, key: 'app:database db:database' }
 */
export function integrate(state: ModelState, input: IntegrateInput): OperationResult<Integrated> {
  const inferred = inferEndpoints(state, input.endpoints);
  if (isRefusal(inferred)) return inferred;
  const proxy = inferred.find(
    (endpoint) => state.remoteApplications.get(endpoint.application)?.kind === 'consumer',
  );
  if (proxy !== undefined)
    return refuse(
      'not-supported',
      `application "${proxy.application}" stands for a consuming model's application and relates only through its offer`,
    );
  const remote = inferred.find((endpoint) => state.remoteApplications.has(endpoint.application));
  const saas = remote === undefined ? undefined : state.remoteApplications.get(remote.application);
  return addRelation(
    state,
    inferred,
    saas === undefined
      ? undefined
      : { remoteApplication: saas.name, model: saas.sourceModel, via: input.via ?? [] },
  );
}

/**
 * Juju's AddRelation (R2.13) for endpoints already chosen: every refusal is prefixed with
 * `cannot add relation "<key>": `. Both endpoints are stored container-scoped if either is (R2.3).
 * A cross-model relation carries its link to the other model (R8.3).
 */
export function addRelation(
  state: ModelState,
  endpoints: readonly RelationEndpoint[],
  link?: CrossModelLink,
): OperationResult<Integrated> {
  const key = relationKey(endpoints);
  const refusal = checkAddRelation(state, endpoints, key);
  if (refusal !== undefined) {
    return { ...refusal, message: `cannot add relation "${key}": ${refusal.message}` };
  }
  const container = endpoints.some((endpoint) => endpoint.scope === 'container');
  const stored = endpoints.map((endpoint) => ({
    ...endpoint,
    scope: container ? ('container' as const) : endpoint.scope,
  }));
  const txn = new ModelTransaction(state);
  const relationId = createRelation(txn, stored, link);
  return txn.commit({ relationId, key });
}

/** R2.13 in Juju's order; undefined when the relation may be added. */
function checkAddRelation(
  state: ModelState,
  endpoints: readonly RelationEndpoint[],
  key: string,
): Refusal | undefined {
  const [a, b] = endpoints;
  if (a === undefined || b === undefined || endpoints.length !== 2) {
    return refuse('not-valid', 'relation must have two endpoints');
  }
  if (!canRelate(a, b)) return refuse('not-valid', 'endpoints do not relate');
  for (const endpoint of endpoints) {
    const application =
      state.applications.get(endpoint.application) ??
      state.remoteApplications.get(endpoint.application);
    if (application === undefined) {
      return refuse('not-found', `application "${endpoint.application}" does not exist`);
    }
    if (application.life !== 'alive') {
      return refuse('not-alive', `application "${endpoint.application}" is not alive`);
    }
  }
  const remoteRefusal = checkRemote(state, a, b);
  if (remoteRefusal !== undefined) return remoteRefusal;
  const existing = relationByKey(state, key);
  if (existing !== undefined) {
    return existing.life === 'dying'
      ? refuse('already-exists', `relation ${key} is dying, but not yet removed`)
      : refuse('already-exists', `relation ${key} already exists`);
  }
  for (const endpoint of endpoints) {
    const remote = state.remoteApplications.get(endpoint.application);
    if (remote?.status === 'terminated')
      return refuse('not-valid', `remote offer ${remote.name} is terminated`);
  }
  for (const endpoint of endpoints) {
    if (state.remoteApplications.has(endpoint.application)) continue;
    const refusal = checkImplemented(state, endpoint) ?? checkLimit(state, endpoint);
    if (refusal !== undefined) return refusal;
  }
  const seriesRefusal = checkSeries(state, a, b);
  if (seriesRefusal !== undefined) return seriesRefusal;
  if (!containerScopeOk(state, a, b)) {
    return refuse(
      'not-valid',
      'container scoped relation requires at least one subordinate application',
    );
  }
  return undefined;
}

/**
 * R2.13 steps 4–5: two remote applications never relate, and a local endpoint relating to a remote
 * one must be global (no container scope across models, R8.2).
 */
function checkRemote(
  state: ModelState,
  a: RelationEndpoint,
  b: RelationEndpoint,
): Refusal | undefined {
  const aRemote = state.remoteApplications.has(a.application);
  const bRemote = state.remoteApplications.has(b.application);
  if (aRemote && bRemote)
    return refuse(
      'not-supported',
      `cannot add relation between saas applications "${a.application}" and "${b.application}"`,
    );
  if (!aRemote && !bRemote) return undefined;
  const local = aRemote ? b : a;
  if (local.scope !== 'global')
    return refuse('not-valid', 'local endpoint must be globally scoped for remote relations');
  return undefined;
}

/** R2.4: the charm declares the endpoint; a container-declared one cannot join a global relation. */
function checkImplemented(state: ModelState, endpoint: RelationEndpoint): Refusal | undefined {
  const charm = state.applications.get(endpoint.application)?.charm;
  const implicit =
    endpoint.name === 'juju-info' &&
    endpoint.interface === 'juju-info' &&
    endpoint.role === 'provider';
  const declared = charm?.endpoints.find(
    (candidate) =>
      candidate.name === endpoint.name &&
      candidate.role === endpoint.role &&
      candidate.interface === endpoint.interface,
  );
  const implemented =
    implicit ||
    (declared !== undefined && (endpoint.scope === 'container' || declared.scope !== 'container'));
  if (implemented) return undefined;
  return refuse(
    'not-valid',
    `"${endpoint.application}" does not implement "${endpointReference(endpoint)}"`,
  );
}

/**
 * R2.5: the two charms of a container relation must share a base. Loom knows a charm's bases
 * only from its `series` list; when either charm declares none, nothing is refused.
 */
function checkSeries(
  state: ModelState,
  a: RelationEndpoint,
  b: RelationEndpoint,
): Refusal | undefined {
  if (a.scope !== 'container' && b.scope !== 'container') return undefined;
  const [first, second] = [a, b].map(
    (endpoint) => state.applications.get(endpoint.application)?.charm.series ?? [],
  );
  if (first === undefined || second === undefined || first.length === 0 || second.length === 0)
    return undefined;
  if (first.some((series) => second.includes(series))) return undefined;
  return refuse('not-valid', "principal and subordinate applications' series must match");
}

/**
 * R2.15: an endpoint with a limit may not take part in more relations than that; relations with
 * the same endpoint name and interface count, whatever their life, suspended ones excepted.
 */
function checkLimit(state: ModelState, endpoint: RelationEndpoint): Refusal | undefined {
  if (endpoint.limit <= 0) return undefined;
  const established = relationsOf(state, endpoint.application).filter((relation) => {
    const own = endpointOf(relation, endpoint.application);
    return (
      !relation.suspended && own?.name === endpoint.name && own.interface === endpoint.interface
    );
  }).length;
  if (established + 1 <= endpoint.limit) return undefined;
  return refuse(
    'quota-limit-exceeded',
    `establishing a new relation for ${endpointReference(endpoint)} would exceed its maximum relation limit of ${endpoint.limit}`,
  );
}
