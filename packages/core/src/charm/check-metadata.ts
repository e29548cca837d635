/**
 * Whole-charm checks of endpoints (charm: `Meta.Check`; R1.4–R1.7) and the extra checks Loom adds
 * (spec §11.4). Juju stops at its first error; Loom reports every problem it finds.
 */
import {
  APPLICATION_NAME_PATTERN,
  DOCUMENTED_INTERFACE_NAME_PATTERN,
  ENDPOINT_NAME_PATTERN,
  reservedNameReason,
} from './names.js';
import type { CharmProblem } from './problem.js';
import type { DeclaredEndpoint } from './read-endpoints.js';
import type { MetadataDraft } from './read-metadata.js';
import type { YamlFile } from './yaml-file.js';

/** Runs every whole-charm check on `draft`, appending what it finds to `problems`. */
export function checkMetadata(
  yaml: YamlFile,
  draft: MetadataDraft,
  problems: CharmProblem[],
): void {
  const charm = draft.name;
  const seen = new Map<string, DeclaredEndpoint>();
  for (const declared of draft.endpoints) {
    checkReserved(yaml, draft, declared, problems);
    const first = seen.get(declared.endpoint.name);
    // Two equal keys in one map are already a duplicate-yaml-key problem.
    if (first !== undefined && first.section !== declared.section) {
      problems.push(
        yaml.problem(
          declared.nameNode,
          'duplicate-relation-name',
          `charm "${charm}" using a duplicated relation name: "${declared.endpoint.name}"`,
          `rename one of the two "${declared.endpoint.name}" endpoints (also declared under "${first.section}")`,
        ),
      );
    }
    if (first === undefined) seen.set(declared.endpoint.name, declared);
    checkLoomRules(yaml, charm, declared, problems);
  }
  checkExtraBindings(yaml, draft, problems);
  checkSubordinate(yaml, draft, problems);
  if (!APPLICATION_NAME_PATTERN.test(charm)) {
    problems.push(
      yaml.problem(
        draft.nameNode,
        'charm-name-style',
        `charm name "${charm}" is not a valid application name`,
        'deploy it with an explicit application name, or rename the charm (lowercase letters, digits and "-")',
        'warning',
      ),
    );
  }
}

/** R1.4: reserved endpoint names and interfaces. */
function checkReserved(
  yaml: YamlFile,
  draft: MetadataDraft,
  { endpoint, nameNode, interfaceNode }: DeclaredEndpoint,
  problems: CharmProblem[],
): void {
  const charm = draft.name;
  // Container-scoped requires of a subordinate may use juju-* names: that is how `juju-info` is required.
  const nameMayBeReserved =
    draft.subordinate && endpoint.role === 'requirer' && endpoint.scope === 'container';
  if (!nameMayBeReserved && reservedNameReason(charm, endpoint.name) !== undefined) {
    problems.push(
      yaml.problem(
        nameNode,
        'reserved-relation-name',
        `charm "${charm}" using a reserved relation name: "${endpoint.name}"`,
        `rename the endpoint: "juju" and "juju-*" are reserved (only a subordinate's container-scoped requires may use them)`,
      ),
    );
  }
  if (endpoint.role !== 'requirer' && reservedNameReason(charm, endpoint.interface) !== undefined) {
    problems.push(
      yaml.problem(
        interfaceNode ?? nameNode,
        'reserved-interface',
        `charm "${charm}" relation "${endpoint.name}" using a reserved interface: "${endpoint.interface}"`,
        `use another interface name: "juju" and "juju-*" interfaces may only be required, never provided or peered`,
      ),
    );
  }
}

/** Spec §11.4: rules Juju leaves to the CLI and relation tags, checked here at load time. */
function checkLoomRules(
  yaml: YamlFile,
  charm: string,
  { endpoint, nameNode, interfaceNode, limitNode }: DeclaredEndpoint,
  problems: CharmProblem[],
): void {
  if (!ENDPOINT_NAME_PATTERN.test(endpoint.name)) {
    problems.push(
      yaml.problem(
        nameNode,
        'bad-endpoint-name',
        `charm "${charm}" using an invalid relation name: "${endpoint.name}"`,
        'start with a lowercase letter and use lowercase letters and digits, with single "-" or "_" between words',
      ),
    );
  }
  if (endpoint.limit < 0) {
    problems.push(
      yaml.problem(
        limitNode ?? nameNode,
        'negative-limit',
        `charm "${charm}" relation "${endpoint.name}" has a negative limit: ${endpoint.limit}`,
        'use a positive limit, or leave "limit" out for no limit',
      ),
    );
  }
  if (!DOCUMENTED_INTERFACE_NAME_PATTERN.test(endpoint.interface)) {
    problems.push(
      yaml.problem(
        interfaceNode ?? nameNode,
        'interface-name-style',
        `charm "${charm}" relation "${endpoint.name}" uses interface "${endpoint.interface}", outside the documented form (lowercase letters and "-")`,
        'Juju accepts it; keep it if other charms already use this interface name',
        'warning',
      ),
    );
  }
}

/** Extra bindings may not reuse endpoint names (charm: `validateMetaExtraBindings`). */
function checkExtraBindings(yaml: YamlFile, draft: MetadataDraft, problems: CharmProblem[]): void {
  const endpointNames = new Set(draft.endpoints.map(({ endpoint }) => endpoint.name));
  const clashes = draft.extraBindings.filter((binding) => endpointNames.has(binding.name));
  const first = clashes[0];
  if (first === undefined) return;
  const names = clashes.map((binding) => binding.name).sort();
  problems.push(
    yaml.problem(
      first.node,
      'extra-bindings',
      `charm "${draft.name}" has invalid extra bindings: relation names (${names.join(', ')}) cannot be used in extra bindings`,
      'rename the extra binding: endpoints already get a binding of their own',
    ),
  );
}

/** R1.6: a subordinate needs a container-scoped requires to attach to its principal. */
function checkSubordinate(yaml: YamlFile, draft: MetadataDraft, problems: CharmProblem[]): void {
  if (!draft.subordinate) return;
  const attaches = draft.endpoints.some(
    ({ endpoint }) => endpoint.role === 'requirer' && endpoint.scope === 'container',
  );
  if (attaches) return;
  problems.push(
    yaml.problem(
      draft.subordinateNode,
      'subordinate-without-container-requires',
      `subordinate charm "${draft.name}" lacks "requires" relation with container scope`,
      'add a requires endpoint with "scope: container" (for example "juju-info: {interface: juju-info, scope: container}")',
    ),
  );
}
