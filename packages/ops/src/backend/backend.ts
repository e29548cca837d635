/**
 * What the model needs of Juju, one method per hook-tool use (spec/ops-api.md §3.6). The charm's
 * code sees only this: HookToolBackend runs the tools (processes, or the agent's socket), and
 * @loom/testing answers from the engine's own hook context in-process.
 */
import { ModelError, RelationNotFoundError } from '../model/errors.js';

/** A relation as the tools name it: `-r <endpoint>:<id>`. */
export interface RelationRef {
  readonly endpoint: string;
  readonly id: number;
}

/** Statuses a charm sets. */
export type SettableStatus = 'active' | 'blocked' | 'maintenance' | 'waiting';

/** What `network-get --format=json` answers. */
export interface NetworkInfo {
  readonly 'bind-addresses'?: readonly {
    readonly 'interface-name'?: string;
    readonly addresses?: readonly { readonly value?: string; readonly cidr?: string }[];
  }[];
  readonly 'ingress-addresses'?: readonly string[];
  readonly 'egress-subnets'?: readonly string[];
}

/** Log levels of juju-log. */
export type JujuLogLevel = 'DEBUG' | 'INFO' | 'WARNING' | 'ERROR' | 'CRITICAL';

/** Goal state as `goal-state --format=json` answers it (the parts ops reads). */
export interface GoalState {
  readonly units?: Readonly<Record<string, { readonly status?: string }>>;
}

/** Juju, as the model calls it. Every method fails with ModelError (or RelationNotFoundError). */
export interface Backend {
  /** The endpoint's relations as `name:id` (relation-ids). */
  relationIds(endpoint: string): Promise<string[]>;
  /** The remote units in scope (relation-list). */
  relationList(relation: RelationRef): Promise<string[]>;
  /** The remote application (relation-list --app). */
  relationRemoteApp(relation: RelationRef): Promise<string>;
  /** A whole bag of a unit, or of an application when `isApp` (relation-get). */
  relationGet(
    relation: RelationRef,
    member: string,
    isApp: boolean,
  ): Promise<Record<string, string>>;
  /** Writes keys of this unit's bag, or the application's (relation-set); "" deletes. */
  relationSet(
    relation: RelationRef,
    data: Readonly<Record<string, string>>,
    isApp: boolean,
  ): Promise<void>;
  /** The application's settings (config-get). */
  configGet(): Promise<Record<string, string | number | boolean>>;
  isLeader(): Promise<boolean>;
  /** The unit's status, or the application's with its units' (status-get --include-data). */
  statusGet(isApp: boolean): Promise<Record<string, unknown>>;
  statusSet(status: SettableStatus, message: string, isApp: boolean): Promise<void>;
  networkGet(binding: string, relationId?: number): Promise<NetworkInfo>;
  jujuLog(level: JujuLogLevel, message: string): Promise<void>;
  /** The running action's parameters (action-get). */
  actionGet(): Promise<Record<string, unknown>>;
  /** Adds results; nested objects become dotted keys (action-set). */
  actionSet(results: Readonly<Record<string, unknown>>): Promise<void>;
  actionLog(message: string): Promise<void>;
  actionFail(message?: string): Promise<void>;
  applicationVersionSet(version: string): Promise<void>;
  openPort(protocol: 'tcp' | 'udp' | 'icmp', port?: number): Promise<void>;
  closePort(protocol: 'tcp' | 'udp' | 'icmp', port?: number): Promise<void>;
  /** `80/tcp`, `8000-8010/udp`, `icmp` (opened-ports). */
  openedPorts(): Promise<string[]>;
  goalState(): Promise<GoalState>;
  /** The unit's whole controller-side state, or null when it has none (state-get). */
  stateGetAll(): Promise<Record<string, string> | null>;
  /** Sets keys of the controller-side state, kept only if the hook succeeds (state-set). */
  stateSet(values: Readonly<Record<string, string>>): Promise<void>;
  stateDelete(key: string): Promise<void>;
}

/**
 * The error a failed tool becomes, from the message it printed (`ERROR ...`): "relation not
 * found" from a relation or network tool is a RelationNotFoundError, anything else a ModelError.
 */
export function toolFailure(command: string, message: string): ModelError {
  if (/^(relation|network)-/.test(command) && message.includes('relation not found'))
    return new RelationNotFoundError(message);
  return new ModelError(message);
}

/** `{out: {a: 1}}` → `[['out.a', '1']]`. */
export function flattenActionResults(
  value: Readonly<Record<string, unknown>>,
  prefix = '',
): [string, string][] {
  return Object.entries(value).flatMap(([key, item]): [string, string][] =>
    typeof item === 'object' && item !== null && !Array.isArray(item)
      ? flattenActionResults(item as Record<string, unknown>, `${prefix}${key}.`)
      : [[`${prefix}${key}`, typeof item === 'string' ? item : JSON.stringify(item)]],
  );
}

/** The range open-port / close-port are given: `80/tcp`, or `icmp`. */
export function portArgument(protocol: 'tcp' | 'udp' | 'icmp', port: number | undefined): string {
  if (protocol === 'icmp') return 'icmp';
  if (port === undefined) throw new Error(`a ${protocol} port needs a number`);
  return `${port}/${protocol}`;
}
