/**
 * Hooks as the uniter decides them: kind, name, the relation they concern and the environment
 * they run with (R1.11, R6.5).
 */
import type { RelationHookKind } from '../charm/endpoints.js';
import { relationReference } from '../model/keys.js';

/** Every hook kind the uniter runs. */
export type HookKind =
  | 'install'
  | 'start'
  | 'config-changed'
  | 'leader-elected'
  | 'leader-settings-changed'
  | 'stop'
  | 'remove'
  | RelationHookKind;

/** The relation a relation hook is about. */
export interface HookRelation {
  readonly id: number;
  /** The unit's own endpoint name (`JUJU_RELATION`). */
  readonly endpoint: string;
  /** `JUJU_REMOTE_APP`: the other application, or the unit's own in a peer relation. */
  readonly remoteApplication: string;
}

/**
 * One hook to run: what it is and everything its environment needs. Every field is always
 * present (possibly undefined), so that all hooks share one shape.
 */
export interface Hook {
  readonly kind: HookKind;
  /** The full hook name, e.g. `db-relation-changed` (`JUJU_HOOK_NAME`). */
  readonly name: string;
  readonly relation: HookRelation | undefined;
  /** `JUJU_REMOTE_UNIT`: set for `-joined`, unit `-changed` and `-departed`; empty for the others. */
  readonly remoteUnit: string | undefined;
  /** `JUJU_DEPARTING_UNIT`, in `-departed` only (R5.14). */
  readonly departingUnit: string | undefined;
  /**
   * The version the hook delivers, captured when it was chosen (R5.12): a bag version for
   * `-joined`/`-changed`, the config version for `config-changed`, the leader-settings version
   * for `leader-settings-changed`.
   */
  readonly version: number | undefined;
}

/** A unit hook (not about a relation). */
export function unitHook(kind: Exclude<HookKind, RelationHookKind>, version?: number): Hook {
  return {
    kind,
    name: kind,
    relation: undefined,
    remoteUnit: undefined,
    departingUnit: undefined,
    version,
  };
}

/** A relation hook, named `<endpoint>-relation-<kind>` (R1.11). */
export function relationHook(
  kind: RelationHookKind,
  relation: HookRelation,
  details: {
    readonly remoteUnit?: string;
    readonly departingUnit?: string;
    readonly version?: number;
  } = {},
): Hook {
  return {
    kind,
    name: relationHookName(relation.endpoint, kind),
    relation,
    remoteUnit: details.remoteUnit ?? '',
    departingUnit: details.departingUnit,
    version: details.version,
  };
}

/**
 * Hook names and relation descriptors are shared between the many hooks that use them (a long
 * simulation logs millions of hooks). The tables are emptied if they ever grow large.
 */
const descriptors = new Map<number, Map<string, HookRelation>>();
const hookNames = new Map<string, Map<string, string>>();

/** The relation descriptor of a hook, shared by every hook of that relation and endpoint. */
export function hookRelation(
  id: number,
  endpoint: string,
  remoteApplication: string,
): HookRelation {
  let byRemote = descriptors.get(id);
  if (byRemote === undefined) {
    if (descriptors.size > 10_000) descriptors.clear();
    byRemote = new Map();
    descriptors.set(id, byRemote);
  }
  let descriptor = byRemote.get(remoteApplication);
  if (descriptor?.endpoint !== endpoint) {
    descriptor = { id, endpoint, remoteApplication };
    byRemote.set(remoteApplication, descriptor);
  }
  return descriptor;
}

function relationHookName(endpoint: string, kind: RelationHookKind): string {
  let names = hookNames.get(endpoint);
  if (names === undefined) {
    if (hookNames.size > 10_000) hookNames.clear();
    names = new Map();
    hookNames.set(endpoint, names);
  }
  let name = names.get(kind);
  if (name === undefined) {
    name = `${endpoint}-${kind}`;
    names.set(kind, name);
  }
  return name;
}

/** True for the five relation hooks. */
export function isRelationHook(
  hook: Hook,
): hook is Hook & { relation: HookRelation; remoteUnit: string } {
  return hook.relation !== undefined;
}

/**
 * The hook-specific `JUJU_*` variables (R6.4 `JUJU_HOOK_NAME`, `JUJU_DISPATCH_PATH`; R6.5 for
 * relation hooks). The agent adds the rest of the environment (unit, model, socket...).
 *
 * @example
 * hookVariables(hook); // { JUJU_HOOK_NAME: 'db-relation-joined', JUJU_RELATION: 'db', ... }
 */
export function hookVariables(hook: Hook): Record<string, string> {
  const variables: Record<string, string> = {
    JUJU_HOOK_NAME: hook.name,
    JUJU_DISPATCH_PATH: `hooks/${hook.name}`,
  };
  if (hook.relation === undefined) return variables;
  variables.JUJU_RELATION = hook.relation.endpoint;
  variables.JUJU_RELATION_ID = relationReference(hook.relation.endpoint, hook.relation.id);
  // R6.5: present, and empty, for -created, -broken and application-level -changed.
  variables.JUJU_REMOTE_UNIT = hook.remoteUnit ?? '';
  variables.JUJU_REMOTE_APP = hook.relation.remoteApplication;
  if (hook.kind === 'relation-departed') variables.JUJU_DEPARTING_UNIT = hook.departingUnit ?? '';
  return variables;
}
