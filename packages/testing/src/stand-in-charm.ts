/**
 * The charm of a stand-in application — the remote side of a relation that runs no code: one
 * endpoint of the same name and interface as the charm's, in the other role.
 */
import { loadCharm } from '@loom/core';
import type { CharmMetadata, Endpoint } from '@loom/core';

/**
 * @throws Error naming the problem when `application` is not a name Juju accepts.
 */
export function standInCharm(application: string, own: Endpoint): CharmMetadata {
  const role = own.role === 'provider' ? 'requires' : 'provides';
  const loaded = loadCharm({
    'metadata.yaml': `name: ${application}\nsummary: stand-in\ndescription: Runs no code.\n${role}:\n  ${own.name}:\n    interface: ${own.interface}\n`,
  });
  if (!loaded.ok)
    throw new Error(
      `"${application}" cannot stand in for the remote side of "${own.name}": ${loaded.problems.map((problem) => problem.message).join('; ')}`,
    );
  return loaded.metadata;
}
