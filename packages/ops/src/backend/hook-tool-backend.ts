/**
 * The model's access to Juju: every hook tool @loom/ops calls, with exactly the command lines
 * Canonical's ops uses (spec/ops-api.md §3.6), over a ToolRunner: processes under real Juju, the
 * agent's socket under Loom. A failed tool becomes a ModelError carrying its stderr; "relation
 * not found" from a relation or network tool becomes a RelationNotFoundError.
 */
import { ModelError } from '../model/errors.js';
import { flattenActionResults, portArgument, toolFailure } from './backend.js';
import type {
  Backend,
  GoalState,
  JujuLogLevel,
  NetworkInfo,
  RelationRef,
  SettableStatus,
} from './backend.js';
import type { ToolRunner } from './tool-runner.js';

/** Juju splits nothing; ops splits log messages longer than this. */
const MAX_LOG_MESSAGE = 131_071;

/** The hook tools, as the model calls them. */
export class HookToolBackend implements Backend {
  constructor(private readonly runner: ToolRunner) {}

  /** `relation-ids <endpoint> --format=json`: the endpoint's relations as `name:id`. */
  relationIds(endpoint: string): Promise<string[]> {
    return this.json('relation-ids', [endpoint, '--format=json']);
  }

  /** `relation-list --format=json -r <endpoint>:<id>`: the remote units in scope. */
  relationList(relation: RelationRef): Promise<string[]> {
    return this.json('relation-list', ['--format=json', '-r', ref(relation)]);
  }

  /** `relation-list --format=json --app -r <endpoint>:<id>`: the remote application. */
  relationRemoteApp(relation: RelationRef): Promise<string> {
    return this.json('relation-list', ['--format=json', '--app', '-r', ref(relation)]);
  }

  /** `relation-get --format=json -r <endpoint>:<id> [--app] - <member>`: a whole bag. */
  relationGet(
    relation: RelationRef,
    member: string,
    isApp: boolean,
  ): Promise<Record<string, string>> {
    const app = isApp ? ['--app'] : [];
    return this.json('relation-get', ['--format=json', '-r', ref(relation), ...app, '-', member]);
  }

  /**
   * `relation-set -r <endpoint>:<id> [--app] --file -` with the changed keys as JSON on stdin;
   * an empty value deletes its key.
   *
   * @throws Error when there is nothing to write.
   */
  async relationSet(
    relation: RelationRef,
    data: Readonly<Record<string, string>>,
    isApp: boolean,
  ): Promise<void> {
    if (Object.keys(data).length === 0) throw new Error('relation-set needs at least one key');
    const app = isApp ? ['--app'] : [];
    await this.tool(
      'relation-set',
      ['-r', ref(relation), ...app, '--file', '-'],
      JSON.stringify(data),
    );
  }

  /** `config-get --format=json`: the application's settings. */
  configGet(): Promise<Record<string, string | number | boolean>> {
    return this.json('config-get', ['--format=json']);
  }

  /** `is-leader --format=json`. */
  isLeader(): Promise<boolean> {
    return this.json('is-leader', ['--format=json']);
  }

  /** `status-get --include-data --format=json --application=<true|false>`. */
  statusGet(isApp: boolean): Promise<Record<string, unknown>> {
    return this.json('status-get', [
      '--include-data',
      '--format=json',
      `--application=${String(isApp)}`,
    ]);
  }

  /** `status-set --application=<True|False> <status> -- <message>`. */
  async statusSet(status: SettableStatus, message: string, isApp: boolean): Promise<void> {
    await this.tool('status-set', [
      `--application=${isApp ? 'True' : 'False'}`,
      status,
      '--',
      message,
    ]);
  }

  /** `network-get --format=json [-r <id>] <binding>`. */
  networkGet(binding: string, relationId?: number): Promise<NetworkInfo> {
    const relation = relationId === undefined ? [] : ['-r', String(relationId)];
    return this.json('network-get', ['--format=json', ...relation, binding]);
  }

  /** `juju-log --log-level <LEVEL> -- <message>`, in pieces Juju accepts. */
  async jujuLog(level: JujuLogLevel, message: string): Promise<void> {
    for (let start = 0; start === 0 || start < message.length; start += MAX_LOG_MESSAGE) {
      await this.tool('juju-log', [
        '--log-level',
        level,
        '--',
        message.slice(start, start + MAX_LOG_MESSAGE),
      ]);
    }
  }

  /** `action-get --format=json`: the action's parameters. */
  actionGet(): Promise<Record<string, unknown>> {
    return this.json('action-get', ['--format=json']);
  }

  /** `action-set k=v ...`, nested keys flattened to dotted ones (`out.a=1`). */
  async actionSet(results: Readonly<Record<string, unknown>>): Promise<void> {
    const pairs = flattenActionResults(results).map(([key, value]) => `${key}=${value}`);
    if (pairs.length > 0) await this.tool('action-set', pairs);
  }

  /** `action-log -- <message>`. */
  async actionLog(message: string): Promise<void> {
    await this.tool('action-log', ['--', message]);
  }

  /** `action-fail [-- <message>]`. */
  async actionFail(message?: string): Promise<void> {
    await this.tool('action-fail', message === undefined ? [] : ['--', message]);
  }

  /** `application-version-set -- <version>`. */
  async applicationVersionSet(version: string): Promise<void> {
    await this.tool('application-version-set', ['--', version]);
  }

  /** `open-port <port>/<protocol>`, or `open-port icmp`. */
  async openPort(protocol: 'tcp' | 'udp' | 'icmp', port?: number): Promise<void> {
    await this.tool('open-port', [portArgument(protocol, port)]);
  }

  /** `close-port <port>/<protocol>`, or `close-port icmp`. */
  async closePort(protocol: 'tcp' | 'udp' | 'icmp', port?: number): Promise<void> {
    await this.tool('close-port', [portArgument(protocol, port)]);
  }

  /** `opened-ports --format=json`: `80/tcp`, `8000-8010/udp`, `icmp`. */
  openedPorts(): Promise<string[]> {
    return this.json('opened-ports', ['--format=json']);
  }

  /** `goal-state --format=json`. */
  goalState(): Promise<GoalState> {
    return this.json('goal-state', ['--format=json']);
  }

  /** `state-get --format=json`: the unit's whole controller-side state. */
  stateGetAll(): Promise<Record<string, string> | null> {
    return this.json('state-get', ['--format=json']);
  }

  /**
   * `state-set --file -` with the keys as a JSON (so YAML) map on stdin; kept by the controller
   * only if the hook succeeds.
   */
  async stateSet(values: Readonly<Record<string, string>>): Promise<void> {
    await this.tool('state-set', ['--file', '-'], JSON.stringify(values));
  }

  /** `state-delete <key>`. */
  async stateDelete(key: string): Promise<void> {
    await this.tool('state-delete', [key]);
  }

  /** Runs a tool and parses its JSON answer. */
  private async json<T>(command: string, args: readonly string[]): Promise<T> {
    const stdout = await this.tool(command, args);
    try {
      return JSON.parse(stdout) as T;
    } catch (error) {
      throw new ModelError(
        `${command} answered something that is not JSON: ${stdout.slice(0, 200)}`,
        {
          cause: error,
        },
      );
    }
  }

  /**
   * Runs a tool; its stdout.
   *
   * @throws RelationNotFoundError or ModelError with the tool's stderr when it fails.
   */
  private async tool(command: string, args: readonly string[], stdin?: string): Promise<string> {
    const result = await this.runner.run(command, args, stdin);
    if (result.code === 0) return result.stdout;
    throw toolFailure(
      command,
      result.stderr.trim() || `${command} exited with code ${result.code}`,
    );
  }
}

function ref(relation: RelationRef): string {
  return `${relation.endpoint}:${relation.id}`;
}
