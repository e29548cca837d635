/**
 * Names Juju derives for relations, scopes and bags (R2.17, R2.18, R3.1, R4.1), and the
 * byte-wise order Juju sorts names in.
 */
import type { EndpointRole } from '../charm/metadata.js';
import type { RelationEndpoint } from './entities.js';

/** Byte-wise order of Go's `sort.Strings` (for ASCII names): `app/10` before `app/2`. */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const ROLE_RANK: Record<EndpointRole, number> = { requirer: 0, provider: 1, peer: 2 };

/** `<app>:<endpoint>`, the form endpoints take in keys and on the command line. */
export function endpointReference(
  endpoint: Pick<RelationEndpoint, 'application' | 'name'>,
): string {
  return `${endpoint.application}:${endpoint.name}`;
}

/**
 * R2.17: endpoints sorted by role (requirer, provider, peer), ties by `<app>:<endpoint>`.
 */
export function sortEndpoints<T extends RelationEndpoint>(endpoints: readonly T[]): T[] {
  return [...endpoints].sort(
    (a, b) =>
      ROLE_RANK[a.role] - ROLE_RANK[b.role] ||
      compareNames(endpointReference(a), endpointReference(b)),
  );
}

/**
 * R2.17: the relation key, e.g. `wordpress:db mysql:server` (requirer first) or `cluster:replicas`.
 *
 * @example
 * relationKey([provider, requirer]); // 'app:database db:database'
 */
export function relationKey(endpoints: readonly RelationEndpoint[]): string {
  return sortEndpoints(endpoints).map(endpointReference).join(' ');
}

/** R2.18: `relation-` + key with `:` as `.` and the space as `#`. */
export function relationTag(key: string): string {
  return `relation-${key.replaceAll(':', '.').replace(' ', '#')}`;
}

/**
 * R3.1: the scope a unit belongs to in a relation: `r#<id>` for a global relation, or
 * `r#<id>#<principal>` for a container one (a subordinate uses its principal's name).
 */
export function scopeKey(relationId: number, container: boolean, principalUnit: string): string {
  return container ? `r#${relationId}#${principalUnit}` : `r#${relationId}`;
}

/** R3.1, R4.1: the membership record and unit bag key, `<scope>#<role>#<unit>`. */
export function unitBagKey(scope: string, role: EndpointRole, unit: string): string {
  return `${scope}#${role}#${unit}`;
}

/** R4.1: the application bag key, `r#<id>#<app>`. */
export function applicationBagKey(relationId: number, application: string): string {
  return `r#${relationId}#${application}`;
}

/** Inside hooks a relation is named `<local-endpoint>:<id>` (R2.19). */
export function relationReference(endpointName: string, relationId: number): string {
  return `${endpointName}:${relationId}`;
}
