/**
 * Name rules for charms, applications and endpoints (R1.4, R1.7, spec §11.4).
 */

/**
 * Endpoint names the CLI and relation keys accept (R1.7; names: `RelationSnippet`). Juju does not
 * check it at load time; Loom does (spec §11.4), because a charm with another name could never be
 * integrated by name.
 */
export const ENDPOINT_NAME_PATTERN = /^[a-z][a-z0-9]*(?:[_-][a-z0-9]+)*$/;

/** Application (and charm) names (names: `ApplicationSnippet`; spec §11.4). */
export const APPLICATION_NAME_PATTERN = /^[a-z][a-z0-9]*(?:-[a-z0-9]*[a-z][a-z0-9]*)*$/;

/**
 * Interface names as the charm documentation describes them: lowercase letters and `-`, not
 * starting with `-`. Juju does not enforce it and real charms use `_`, so breaking it is a warning.
 */
export const DOCUMENTED_INTERFACE_NAME_PATTERN = /^[a-z][a-z-]*$/;

/** Action names Juju accepts (`actionNameRule`). */
export const ACTION_NAME_PATTERN = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

/**
 * R1.4: `juju` and `juju-*` are reserved, unless the charm's own name starts with `juju-`.
 * Returns why the name is reserved, or undefined when it is not.
 */
export function reservedNameReason(charmName: string, name: string): string | undefined {
  if (charmName.startsWith('juju-')) return undefined;
  if (name === 'juju') return '"juju" is a reserved name';
  if (name.startsWith('juju-')) return 'the "juju-" prefix is reserved';
  return undefined;
}
