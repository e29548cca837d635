/**
 * @loom/ops's Backend answered in-process by core's HookContext: the same reads, permission
 * checks, buffering and error texts a charm meets through the hook tools under Loom's agent
 * (R4.8, R4.9, R7.x), without a process or a socket. Tool errors become the same ModelError /
 * RelationNotFoundError that HookToolBackend throws, with the `ERROR ...` text the tool prints.
 */
import {
  applicationStatusAnswer,
  DEFAULT_ACTION_FAILURE,
  formatPortRange,
  goalStateAnswer,
  HookToolError,
  networkAnswer,
  parsePortRange,
  setActionResults,
  unitStatusAnswer,
} from '@loom/core';
import type { ActionResults, HookContext, LogLevel, ModelState } from '@loom/core';
import { flattenActionResults, portArgument, toolFailure } from '@loom/ops';
import type {
  Backend,
  GoalState,
  JujuLogLevel,
  NetworkInfo,
  RelationRef,
  SettableStatus,
} from '@loom/ops';

/** An action being run: its parameters, and what the charm reported. */
export interface ActionRecord {
  readonly name: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly results: ActionResults;
  readonly logs: string[];
  failure: string | undefined;
}

/** What the backend answers from. */
export interface ContextBackendInit {
  readonly context: HookContext;
  readonly model: () => ModelState;
  /** The unit's machine address (network-get). */
  readonly address: string;
  /** Addresses of particular bindings, instead of the machine's (the test's own networks). */
  readonly networks?: Readonly<Record<string, string>>;
  /** The action being run, if this is an action rather than a hook. */
  readonly action?: ActionRecord;
}

/** A Backend over one hook's (or action's) context. */
export class ContextBackend implements Backend {
  constructor(private readonly init: ContextBackendInit) {}

  private get context(): HookContext {
    return this.init.context;
  }

  relationIds(endpoint: string): Promise<string[]> {
    return this.answer('relation-ids', () => this.context.relationIds(endpoint));
  }

  relationList(relation: RelationRef): Promise<string[]> {
    return this.answer('relation-list', () => this.context.relationList(relation.id));
  }

  relationRemoteApp(relation: RelationRef): Promise<string> {
    return this.answer('relation-list', () => this.context.remoteApplication(relation.id));
  }

  relationGet(
    relation: RelationRef,
    member: string,
    isApp: boolean,
  ): Promise<Record<string, string>> {
    return this.answer('relation-get', () =>
      Object.fromEntries(
        this.context.relationGet({ relationId: relation.id, target: member, app: isApp }),
      ),
    );
  }

  relationSet(
    relation: RelationRef,
    data: Readonly<Record<string, string>>,
    isApp: boolean,
  ): Promise<void> {
    if (Object.keys(data).length === 0) throw new Error('relation-set needs at least one key');
    return this.answer('relation-set', () => {
      this.context.relationSet(new Map(Object.entries(data)), {
        relationId: relation.id,
        app: isApp,
      });
    });
  }

  configGet(): Promise<Record<string, string | number | boolean>> {
    return this.answer('config-get', () => {
      const values: Record<string, string | number | boolean> = {};
      for (const [key, value] of this.context.configGet()) if (value !== null) values[key] = value;
      return values;
    });
  }

  isLeader(): Promise<boolean> {
    return this.answer('is-leader', () => this.context.isLeader());
  }

  statusGet(isApp: boolean): Promise<Record<string, unknown>> {
    return this.answer('status-get', () => {
      const state = this.init.model();
      if (!isApp) return unitStatusAnswer(state, this.context.unit);
      if (!this.context.isLeader())
        throw new HookToolError(
          'not-leader',
          'finding application status: this unit is not the leader',
          1,
        );
      return applicationStatusAnswer(state, this.context.unit);
    });
  }

  statusSet(status: SettableStatus, message: string, isApp: boolean): Promise<void> {
    return this.answer('status-set', () =>
      this.context.statusSet(status, message, { application: isApp }),
    );
  }

  networkGet(binding: string, relationId?: number): Promise<NetworkInfo> {
    return this.answer('network-get', () => {
      // -r names a relation the unit must see (R7.4), as the tool checks it.
      if (relationId !== undefined) this.context.relationList(relationId);
      const address = this.init.networks?.[binding] ?? this.init.address;
      return networkAnswer(this.init.model(), this.context.unit, binding, address);
    });
  }

  jujuLog(level: JujuLogLevel, message: string): Promise<void> {
    return this.answer('juju-log', () => this.context.log(message, level as LogLevel));
  }

  actionGet(): Promise<Record<string, unknown>> {
    return this.answer('action-get', () => ({ ...this.action().params }));
  }

  actionSet(results: Readonly<Record<string, unknown>>): Promise<void> {
    return this.answer('action-set', () => {
      setActionResults(this.action().results, flattenActionResults(results));
    });
  }

  actionLog(message: string): Promise<void> {
    return this.answer('action-log', () => {
      this.action().logs.push(message);
    });
  }

  actionFail(message?: string): Promise<void> {
    return this.answer('action-fail', () => {
      this.action().failure = message ?? DEFAULT_ACTION_FAILURE;
    });
  }

  applicationVersionSet(version: string): Promise<void> {
    return this.answer('application-version-set', () =>
      this.context.applicationVersionSet(version),
    );
  }

  openPort(protocol: 'tcp' | 'udp' | 'icmp', port?: number): Promise<void> {
    const range = parsePortRange(portArgument(protocol, port));
    return this.answer('open-port', () => {
      this.context.openPorts([{ ...range, endpoint: '' }]);
    });
  }

  closePort(protocol: 'tcp' | 'udp' | 'icmp', port?: number): Promise<void> {
    const range = parsePortRange(portArgument(protocol, port));
    return this.answer('close-port', () => {
      this.context.closePorts([{ ...range, endpoint: '' }]);
    });
  }

  openedPorts(): Promise<string[]> {
    return this.answer('opened-ports', () => [
      ...new Set(this.context.openedPorts().map((port) => formatPortRange(port))),
    ]);
  }

  goalState(): Promise<GoalState> {
    return this.answer(
      'goal-state',
      () => goalStateAnswer(this.init.model(), this.context.unit) as GoalState,
    );
  }

  stateGetAll(): Promise<Record<string, string> | null> {
    return this.answer('state-get', () => Object.fromEntries(this.context.stateGet()));
  }

  stateSet(values: Readonly<Record<string, string>>): Promise<void> {
    return this.answer('state-set', () => {
      this.context.stateSet(new Map(Object.entries(values)));
    });
  }

  stateDelete(key: string): Promise<void> {
    return this.answer('state-delete', () => {
      this.context.stateDelete(key);
    });
  }

  private action(): ActionRecord {
    if (this.init.action === undefined)
      throw new HookToolError('not-found', 'not running an action', 1);
    return this.init.action;
  }

  /** Runs one tool's work; a HookToolError becomes the error HookToolBackend would throw. */
  private async answer<T>(command: string, work: () => T | Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof HookToolError) throw toolFailure(command, `ERROR ${error.message}`);
      throw error;
    }
  }
}
