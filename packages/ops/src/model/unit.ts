/**
 * Units and applications of the model (ops's Unit and Application): ours can set status, lead,
 * open ports and plan units; remote ones are names, and read as status unknown.
 */
import type { Backend } from '../backend/backend.js';
import { ModelError } from './errors.js';
import { checkSettable, StatusBase, UnknownStatus } from './status.js';

/** What units and applications ask of the model they belong to. */
export interface ModelAccess {
  readonly backend: Backend;
  /** Our unit's name. */
  readonly unitName: string;
  /** Our application's name. */
  readonly appName: string;
  isLeader(): Promise<boolean>;
}

/** An application of the model: ours, or one we are related to. */
export class Application {
  constructor(
    readonly name: string,
    private readonly model: ModelAccess,
  ) {}

  /** Whether this is our own application. */
  get isOurs(): boolean {
    return this.name === this.model.appName;
  }

  /**
   * The application's status: ours as the leader sees it; unknown for a remote one.
   *
   * @throws ModelError when a non-leader asks for its own application's status.
   */
  async status(): Promise<StatusBase> {
    if (!this.isOurs) return new UnknownStatus();
    await this.requireLeader('read');
    const answer = await this.model.backend.statusGet(true);
    const own = answer['application-status'];
    return statusOf(
      typeof own === 'object' && own !== null ? (own as Record<string, unknown>) : {},
    );
  }

  /**
   * Sets our application's status (leader only).
   *
   * @throws ModelError for a remote application or a non-leader; InvalidStatusError for error/unknown.
   */
  async setStatus(status: StatusBase): Promise<void> {
    if (!this.isOurs)
      throw new ModelError(`cannot set the status of remote application ${this.name}`);
    checkSettable(status);
    await this.requireLeader('set');
    await this.model.backend.statusSet(status.name, status.message, true);
  }

  /** Units Juju plans for our application: the ones of goal-state that are not dying. */
  async plannedUnits(): Promise<number> {
    if (!this.isOurs)
      throw new ModelError(`cannot count the planned units of remote application ${this.name}`);
    const goal = await this.model.backend.goalState();
    return Object.values(goal.units ?? {}).filter((unit) => unit.status !== 'dying').length;
  }

  private async requireLeader(verb: 'read' | 'set'): Promise<void> {
    if (!(await this.model.isLeader())) {
      throw new ModelError(
        `${this.model.unitName} is not leader and cannot ${verb} the status of application ${this.name}`,
      );
    }
  }
}

/** A unit of the model: ours, or a remote (or peer) one. */
export class Unit {
  constructor(
    readonly name: string,
    readonly app: Application,
    private readonly model: ModelAccess,
  ) {}

  /** Whether this is our own unit. */
  get isOurs(): boolean {
    return this.name === this.model.unitName;
  }

  /** Whether our unit leads its application (cached for the lease window, 30 s). */
  isLeader(): Promise<boolean> {
    this.requireOurs('ask whether it leads');
    return this.model.isLeader();
  }

  /** Our unit's status; unknown for another unit. */
  async status(): Promise<StatusBase> {
    if (!this.isOurs) return new UnknownStatus();
    return statusOf(await this.model.backend.statusGet(false));
  }

  /** Sets our unit's status. @throws InvalidStatusError for error or unknown. */
  async setStatus(status: StatusBase): Promise<void> {
    this.requireOurs('set its status');
    checkSettable(status);
    await this.model.backend.statusSet(status.name, status.message, false);
  }

  /** Sets the workload version shown in `juju status`. */
  async setWorkloadVersion(version: string): Promise<void> {
    this.requireOurs('set its workload version');
    await this.model.backend.applicationVersionSet(version);
  }

  /** Opens a port (or ICMP) on our unit's machine. */
  async openPort(protocol: 'tcp' | 'udp' | 'icmp', port?: number): Promise<void> {
    this.requireOurs('open ports');
    await this.model.backend.openPort(protocol, port);
  }

  /** Closes a port (or ICMP). */
  async closePort(protocol: 'tcp' | 'udp' | 'icmp', port?: number): Promise<void> {
    this.requireOurs('close ports');
    await this.model.backend.closePort(protocol, port);
  }

  /** The ports our unit has opened: `80/tcp`, `8000-8010/udp`, `icmp`. */
  async openedPorts(): Promise<string[]> {
    this.requireOurs('list its ports');
    return this.model.backend.openedPorts();
  }

  /** Opens exactly `ports` (`80/tcp`, `icmp`): closes the others, opens what is missing. */
  async setPorts(ports: readonly string[]): Promise<void> {
    const current = new Set(await this.openedPorts());
    const wanted = new Set(ports);
    for (const port of current)
      if (!wanted.has(port)) await this.model.backend.closePort(...parsePort(port));
    for (const port of wanted)
      if (!current.has(port)) await this.model.backend.openPort(...parsePort(port));
  }

  private requireOurs(what: string): void {
    if (!this.isOurs)
      throw new ModelError(
        `${this.name} is not this unit (${this.model.unitName}): cannot ${what}`,
      );
  }
}

function statusOf(answer: Record<string, unknown>): StatusBase {
  const name = typeof answer.status === 'string' ? answer.status : 'unknown';
  const message = typeof answer.message === 'string' ? answer.message : '';
  return StatusBase.fromName(name, message);
}

function parsePort(port: string): ['tcp' | 'udp' | 'icmp', number?] {
  if (port === 'icmp') return ['icmp'];
  const match = /^(\d+)\/(tcp|udp)$/.exec(port);
  if (match?.[1] === undefined || (match[2] !== 'tcp' && match[2] !== 'udp')) {
    throw new ModelError(`invalid port "${port}": write 80/tcp, 53/udp or icmp`);
  }
  return [match[2], Number(match[1])];
}
