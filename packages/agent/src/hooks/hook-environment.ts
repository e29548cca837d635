/**
 * A hook process's environment (R6.4, R6.5): exactly Juju's variables, nothing inherited from the
 * agent but `PATH` (with the hook tools' directory first).
 */
import { randomBytes } from 'node:crypto';

import { hookVariables, JUJU_VERSION } from '@loom/core';
import type { Hook } from '@loom/core';

/** What does not change between a unit's hooks. */
export interface UnitEnvironment {
  readonly unit: string;
  readonly modelName: string;
  readonly modelUuid: string;
  readonly machine: string;
  readonly principal: string;
  readonly charmDir: string;
  readonly socketPath: string;
  readonly toolsDir: string;
  /** `host:port` of the controller's API. */
  readonly apiAddress: string;
  /** The agent's own PATH, appended after the tools directory. */
  readonly agentPath: string;
}

/** `<unit>-<hook>-<random 63-bit integer>` (R6.4): names one hook run to its tools. */
export function newContextId(unit: string, name: string): string {
  const random = randomBytes(8).readBigUInt64BE() >> 1n;
  return `${unit}-${name}-${random.toString()}`;
}

/** The environment of a hook, an action (`dispatchPath` `actions/<name>`) or `loom exec`. */
export function hookEnvironment(
  unit: UnitEnvironment,
  run: {
    readonly contextId: string;
    readonly hook?: Hook;
    /** For actions: `actions/<name>`; for exec: empty. */
    readonly dispatchPath?: string;
    readonly extra?: Readonly<Record<string, string>>;
  },
): Record<string, string> {
  const hookPart = run.hook === undefined ? { JUJU_HOOK_NAME: '' } : hookVariables(run.hook);
  return {
    CHARM_DIR: unit.charmDir,
    JUJU_CHARM_DIR: unit.charmDir,
    JUJU_CONTEXT_ID: run.contextId,
    JUJU_AGENT_SOCKET_ADDRESS: unit.socketPath,
    JUJU_AGENT_SOCKET_NETWORK: 'unix',
    JUJU_UNIT_NAME: unit.unit,
    JUJU_MODEL_UUID: unit.modelUuid,
    JUJU_MODEL_NAME: unit.modelName,
    JUJU_API_ADDRESSES: unit.apiAddress,
    JUJU_SLA: 'unsupported',
    JUJU_MACHINE_ID: unit.machine,
    JUJU_PRINCIPAL_UNIT: unit.principal,
    JUJU_AVAILABILITY_ZONE: '',
    JUJU_VERSION,
    CLOUD_API_VERSION: '',
    JUJU_CHARM_HTTP_PROXY: '',
    JUJU_CHARM_HTTPS_PROXY: '',
    JUJU_CHARM_FTP_PROXY: '',
    JUJU_CHARM_NO_PROXY: '',
    JUJU_METER_STATUS: 'AMBER',
    JUJU_METER_INFO: 'not set',
    PATH: unit.agentPath === '' ? unit.toolsDir : `${unit.toolsDir}:${unit.agentPath}`,
    LANG: 'C.UTF-8',
    TERM: 'tmux-256color',
    ...hookPart,
    ...(run.dispatchPath === undefined ? {} : { JUJU_DISPATCH_PATH: run.dispatchPath }),
    ...run.extra,
  };
}
