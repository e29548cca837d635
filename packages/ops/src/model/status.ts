/**
 * Workload statuses (ops's StatusBase and its kinds): what a charm sets on its unit or, as
 * leader, its application, and what collect-status picks from (the highest priority wins, the
 * first added on a tie).
 */
import { InvalidStatusError } from './errors.js';

/** The status names Juju knows. */
export type StatusName = 'active' | 'blocked' | 'maintenance' | 'waiting' | 'error' | 'unknown';

/** A status: a name and a message. Equal when both are. */
export abstract class StatusBase {
  abstract readonly name: StatusName;

  constructor(readonly message = '') {}

  /** Whether `other` is the same status with the same message. */
  equals(other: StatusBase): boolean {
    return other.name === this.name && other.message === this.message;
  }

  /** `name: message`, or `name`. */
  toString(): string {
    return this.message === '' ? this.name : `${this.name}: ${this.message}`;
  }

  /**
   * The status called `name`.
   *
   * @throws InvalidStatusError for a name Juju does not know.
   */
  static fromName(name: string, message = ''): StatusBase {
    switch (name) {
      case 'active':
        return new ActiveStatus(message);
      case 'blocked':
        return new BlockedStatus(message);
      case 'maintenance':
        return new MaintenanceStatus(message);
      case 'waiting':
        return new WaitingStatus(message);
      case 'error':
        return new ErrorStatus(message);
      case 'unknown':
        return new UnknownStatus();
      default:
        throw new InvalidStatusError(
          `unknown status "${name}": use active, blocked, maintenance, waiting, error or unknown`,
        );
    }
  }
}

/** The workload is ready. */
export class ActiveStatus extends StatusBase {
  readonly name = 'active';
}

/** The workload needs a person to act (a missing relation, bad config). */
export class BlockedStatus extends StatusBase {
  readonly name = 'blocked';
}

/** The charm is busy on its own (installing, configuring). */
export class MaintenanceStatus extends StatusBase {
  readonly name = 'maintenance';
}

/** The charm waits for something outside it (another application). */
export class WaitingStatus extends StatusBase {
  readonly name = 'waiting';
}

/** A hook failed; only Juju sets it. */
export class ErrorStatus extends StatusBase {
  readonly name = 'error';
}

/** Nothing set yet, or a remote unit's status; only Juju reports it. */
export class UnknownStatus extends StatusBase {
  readonly name = 'unknown';

  constructor() {
    super('');
  }
}

/** collect-status priority: error 5 > blocked 4 > maintenance 3 > waiting 2 > active 1. */
const PRIORITY: Readonly<Record<StatusName, number>> = {
  error: 5,
  blocked: 4,
  maintenance: 3,
  waiting: 2,
  active: 1,
  unknown: 0,
};

/**
 * The status collect-status sets: the highest priority, the first added on a tie; undefined
 * when none was added.
 */
export function highestPriority(statuses: readonly StatusBase[]): StatusBase | undefined {
  let best: StatusBase | undefined;
  for (const status of statuses)
    if (best === undefined || PRIORITY[status.name] > PRIORITY[best.name]) best = status;
  return best;
}

/**
 * Checks that a charm may set `status`.
 *
 * @throws InvalidStatusError for error or unknown, which only Juju sets.
 */
export function checkSettable(
  status: StatusBase,
): asserts status is ActiveStatus | BlockedStatus | MaintenanceStatus | WaitingStatus {
  if (status.name === 'error' || status.name === 'unknown') {
    throw new InvalidStatusError(
      `cannot set status "${status.name}": only Juju sets it; use active, blocked, maintenance or waiting`,
    );
  }
}
