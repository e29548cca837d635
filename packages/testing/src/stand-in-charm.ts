/**
 * The charm of a stand-in application — the remote side of a relation that runs no code: one
 * endpoint of the same interface as the charm's, in the other role. Across a container-scoped
 * endpoint the stand-in is the other half of the pair: a subordinate for a principal charm, a
 * principal (offering juju-info as every principal does) for a subordinate one.
 */
import { loadCharm } from '@loom/core';
import type { CharmMetadata, Endpoint } from '@loom/core';

/** The stand-in's charm, and the endpoint to relate to. */
export interface StandIn {
  readonly metadata: CharmMetadata;
  readonly endpoint: string;
}

/**
 * @param subordinate whether the charm under test is a subordinate.
 * @throws Error naming the problem when `application` is not a name Juju accepts.
 */
export function standInCharm(application: string, own: Endpoint, subordinate = false): StandIn {
  const role = own.role === 'provider' ? 'requires' : 'provides';
  const container = own.scope === 'container';
  const principalOfSubordinate = container && subordinate;
  // Every principal offers juju-info implicitly: it is not declared.
  const implicit = principalOfSubordinate && own.interface === 'juju-info';
  const lines = [
    `name: ${application}`,
    'summary: stand-in',
    'description: Runs no code.',
    ...(container && !subordinate ? ['subordinate: true'] : []),
    ...(implicit
      ? []
      : [
          `${role}:`,
          `  ${own.name}:`,
          `    interface: ${own.interface}`,
          ...(container && !subordinate ? ['    scope: container'] : []),
        ]),
    '',
  ];
  const loaded = loadCharm({ 'metadata.yaml': lines.join('\n') });
  if (!loaded.ok)
    throw new Error(
      `"${application}" cannot stand in for the remote side of "${own.name}": ${loaded.problems.map((problem) => problem.message).join('; ')}`,
    );
  return { metadata: loaded.metadata, endpoint: implicit ? 'juju-info' : own.name };
}
