/**
 * The hook's context from Juju's environment (ops's JujuContext), and which event it is: the
 * basename of JUJU_DISPATCH_PATH with "-" turned into "_", plus "_action" under actions/
 * (spec/ops-api.md §3.1). JUJU_HOOK_NAME is not used to choose, as in ops.
 */
import { basename, dirname } from 'node:path';

/** What the environment says about this hook. */
export interface JujuContext {
  readonly dispatchPath: string;
  /** ops's event name: `db_relation_changed`, `backup_action`, `install`. */
  readonly eventName: string;
  readonly charmDir: string;
  readonly unitName: string;
  readonly appName: string;
  readonly modelName: string;
  readonly modelUuid: string;
  readonly version: string;
  readonly contextId: string;
  readonly agentSocket: string | undefined;
  readonly relationName: string | undefined;
  readonly relationId: number | undefined;
  readonly remoteAppName: string | undefined;
  readonly remoteUnitName: string | undefined;
  readonly departingUnitName: string | undefined;
  readonly actionName: string | undefined;
  readonly actionUuid: string | undefined;
}

/** The environment variables every dispatch needs. */
const REQUIRED = [
  'JUJU_DISPATCH_PATH',
  'JUJU_UNIT_NAME',
  'JUJU_MODEL_NAME',
  'JUJU_VERSION',
] as const;

/**
 * Reads the context from `env`.
 *
 * @throws Error naming the missing variables: the charm was not started by Juju or Loom.
 */
export function jujuContext(env: Readonly<Record<string, string | undefined>>): JujuContext {
  const missing = REQUIRED.filter((name) => (env[name] ?? '') === '');
  if (missing.length > 0) {
    throw new Error(
      `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not set: a charm runs in a hook started by Juju (or Loom), not on its own`,
    );
  }
  const dispatchPath = env.JUJU_DISPATCH_PATH ?? '';
  const unitName = env.JUJU_UNIT_NAME ?? '';
  const relationId = env.JUJU_RELATION_ID?.split(':').at(-1);
  const optional = (name: string) => {
    const value = env[name];
    return value === undefined || value === '' ? undefined : value;
  };
  return {
    dispatchPath,
    eventName: eventNameOf(dispatchPath),
    charmDir: optional('JUJU_CHARM_DIR') ?? optional('CHARM_DIR') ?? process.cwd(),
    unitName,
    appName: unitName.split('/')[0] ?? unitName,
    modelName: env.JUJU_MODEL_NAME ?? '',
    modelUuid: env.JUJU_MODEL_UUID ?? '',
    version: env.JUJU_VERSION ?? '',
    contextId: env.JUJU_CONTEXT_ID ?? '',
    agentSocket: optional('JUJU_AGENT_SOCKET_ADDRESS'),
    relationName: optional('JUJU_RELATION'),
    relationId: relationId === undefined || relationId === '' ? undefined : Number(relationId),
    remoteAppName: optional('JUJU_REMOTE_APP') ?? optional('JUJU_REMOTE_UNIT')?.split('/')[0],
    remoteUnitName: optional('JUJU_REMOTE_UNIT'),
    departingUnitName: optional('JUJU_DEPARTING_UNIT'),
    actionName: optional('JUJU_ACTION_NAME'),
    actionUuid: optional('JUJU_ACTION_UUID'),
  };
}

/** `hooks/db-relation-changed` → `db_relation_changed`; `actions/do-thing` → `do_thing_action`. */
export function eventNameOf(dispatchPath: string): string {
  const name = basename(dispatchPath).replaceAll('-', '_');
  return basename(dirname(dispatchPath)) === 'actions' ? `${name}_action` : name;
}
