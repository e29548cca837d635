/**
 * Endpoint facts that do not depend on where the metadata came from: the implicit `juju-info`
 * provider (R1.8, R1.9) and the hook names each endpoint gives a charm (R1.11).
 */
import type { CharmMetadata, Endpoint } from './metadata.js';

/** The endpoint every application has without declaring it (R1.8). */
export const IMPLICIT_JUJU_INFO_ENDPOINT: Endpoint = Object.freeze({
  name: 'juju-info',
  role: 'provider',
  interface: 'juju-info',
  limit: 0,
  optional: false,
  scope: 'global',
});

/** R1.9: an endpoint is implicit iff it is the `juju-info` provider with interface `juju-info`. */
export function isImplicitEndpoint(endpoint: Endpoint): boolean {
  return (
    endpoint.name === 'juju-info' &&
    endpoint.interface === 'juju-info' &&
    endpoint.role === 'provider'
  );
}

/**
 * An application's endpoints as Juju lists them: the declared ones, then the implicit
 * `juju-info` provider appended (R1.8).
 */
export function applicationEndpoints(metadata: CharmMetadata): readonly Endpoint[] {
  return [...metadata.endpoints, IMPLICIT_JUJU_INFO_ENDPOINT];
}

/** The five relation hook kinds, in lifecycle order (R1.11). */
export const RELATION_HOOK_KINDS = [
  'relation-created',
  'relation-joined',
  'relation-changed',
  'relation-departed',
  'relation-broken',
] as const;

/** One of the five relation hook kinds. */
export type RelationHookKind = (typeof RELATION_HOOK_KINDS)[number];

/**
 * The hook names a charm can receive for an endpoint (R1.11), e.g. `db-relation-joined`.
 *
 * @example
 * relationHookNames('db'); // ['db-relation-created', 'db-relation-joined', ...]
 */
export function relationHookNames(endpointName: string): readonly string[] {
  return RELATION_HOOK_KINDS.map((kind) => `${endpointName}-${kind}`);
}
