/**
 * Endpoint names as users write them, `<app>` or `<app>:<endpoint>` (J: `splitEndpointName`),
 * resolved against a model's applications.
 */
import { applicationEndpoints } from '../../charm/endpoints.js';
import type { RelationEndpoint } from '../../model/entities.js';
import type { ModelState } from '../../model/model-state.js';
import type { Refusal } from '../../model/refusal.js';
import { refuse } from '../../model/refusal.js';

/** A parsed endpoint name: an application and, optionally, one of its endpoints. */
export interface EndpointName {
  readonly application: string;
  readonly endpoint?: string;
}

/** Splits at the first `:`; a name starting or ending with `:` is refused (R2.10). */
export function parseEndpointName(name: string): EndpointName | Refusal {
  const colon = name.indexOf(':');
  if (colon === -1) return { application: name };
  if (colon === 0 || colon === name.length - 1)
    return refuse('not-valid', `invalid endpoint "${name}"`);
  return { application: name.slice(0, colon), endpoint: name.slice(colon + 1) };
}

/**
 * The endpoints a name can stand for: the named one, or every endpoint of the application
 * including the implicit `juju-info` (R2.12 step 1), as relation endpoints of that application.
 */
export function candidateEndpoints(
  state: ModelState,
  name: EndpointName,
): RelationEndpoint[] | Refusal {
  const endpoints = applicationRelationEndpoints(state, name.application);
  if (endpoints === undefined)
    return refuse('not-found', `application "${name.application}" not found`);
  if (name.endpoint === undefined) return endpoints;
  const named = endpoints.filter((endpoint) => endpoint.name === name.endpoint);
  if (named.length === 0) {
    return refuse(
      'not-found',
      `application "${name.application}" has no "${name.endpoint}" relation`,
    );
  }
  return named;
}

/**
 * Every endpoint of a local application (the implicit `juju-info` included), or of a remote one
 * (only what was offered, global, without limit: R8.2); undefined when there is no such
 * application.
 */
export function applicationRelationEndpoints(
  state: ModelState,
  name: string,
): RelationEndpoint[] | undefined {
  const application = state.applications.get(name);
  if (application !== undefined)
    return applicationEndpoints(application.charm).map((endpoint) => ({
      application: application.name,
      name: endpoint.name,
      role: endpoint.role,
      interface: endpoint.interface,
      limit: endpoint.limit,
      optional: endpoint.optional,
      scope: endpoint.scope,
    }));
  return state.remoteApplications.get(name)?.endpoints.map((endpoint) => ({
    application: name,
    ...endpoint,
    limit: 0,
    optional: false,
    scope: 'global' as const,
  }));
}

/** True if the model has an application, local or remote, of this name. */
export function hasApplication(state: ModelState, name: string): boolean {
  return state.applications.has(name) || state.remoteApplications.has(name);
}

/** True if the value is a refusal rather than a result. */
export function isRefusal(value: unknown): value is Refusal {
  return typeof value === 'object' && value !== null && 'ok' in value && value.ok === false;
}

/**
 * The refusal for a local-only operation named on an application that is not there: a remote
 * application (SAAS or consumer proxy) is named as such, with what to do instead (R8.2).
 */
export function applicationNotFound(state: ModelState, name: string): Refusal {
  const remote = state.remoteApplications.get(name);
  if (remote?.kind === 'saas')
    return refuse(
      'not-supported',
      `application "${name}" is a SAAS consumed from ${remote.url}: it has no units or config here; remove it with "loom remove-saas ${name}"`,
    );
  if (remote !== undefined)
    return refuse(
      'not-supported',
      `application "${name}" stands for application "${remote.sourceApplication}" of model "${remote.sourceModel}", which consumes offer "${remote.offer}"; change it there`,
    );
  return refuse('not-found', `application "${name}" not found`);
}
