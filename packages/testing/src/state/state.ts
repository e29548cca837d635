/**
 * The state of a state-transition test: what one unit of the charm under test sees before an
 * event, and, from Context.run, after it. Frozen plain data, built with `state()`, `relation()`
 * and `peerRelation()`, which check what they are given; change one with a spread
 * (`{ ...before, leader: true }`).
 */
import type { ConfigValue, Status } from '@loom/core';

/** A databag: string keys to string values. */
export type Bag = Readonly<Record<string, string>>;

/** A relation to another application, seen from the unit under test. */
export interface Relation {
  readonly kind: 'regular';
  readonly endpoint: string;
  readonly remoteAppName: string;
  readonly localAppData: Bag;
  /** The unit's own bag; the engine's keys (ingress-address, ...) are there unless overwritten. */
  readonly localUnitData: Bag;
  readonly remoteAppData: Bag;
  /** Each remote unit's bag by unit number: `{ 0: {...} }` is `<remoteAppName>/0`. */
  readonly remoteUnitsData: Readonly<Record<number, Bag>>;
  /** The relation's id in the engine; set in the state Context.run returns. */
  readonly id?: number;
}

/** The peer relation of one of the charm's peer endpoints. */
export interface PeerRelation {
  readonly kind: 'peer';
  readonly endpoint: string;
  readonly localAppData: Bag;
  readonly localUnitData: Bag;
  /** Each other unit's bag by unit number (the unit under test is number 0). */
  readonly peersData: Readonly<Record<number, Bag>>;
  readonly id?: number;
}

/**
 * A container-scoped relation: between a subordinate and its principal. The remote side is one
 * unit (`<remoteAppName>/0`): the principal of a subordinate charm, or the subordinate of a
 * principal one.
 */
export interface SubordinateRelation {
  readonly kind: 'subordinate';
  readonly endpoint: string;
  readonly remoteAppName: string;
  readonly localAppData: Bag;
  readonly localUnitData: Bag;
  readonly remoteAppData: Bag;
  readonly remoteUnitData: Bag;
  readonly id?: number;
}

/** Any relation of the state. */
export type AnyRelation = Relation | PeerRelation | SubordinateRelation;

/** A deferred event in the unit's queue: its handle path and the observer it returns to. */
export interface DeferredNotice {
  readonly eventPath: string;
  readonly observer: string;
}

/** What the unit under test sees. */
export interface State {
  readonly leader: boolean;
  /** Option values; options not given have their defaults. */
  readonly config: Readonly<Record<string, ConfigValue>>;
  readonly relations: readonly AnyRelation[];
  /** network-get's address for particular bindings; the others get the machine's. */
  readonly networks: Readonly<Record<string, string>>;
  /**
   * Secrets: a placeholder. Loom does not model secrets yet, so a state with any is refused.
   */
  readonly secrets: readonly unknown[];
  /** Stored state by handle path (`DemoCharm/StoredStateData[stored]`). */
  readonly storedStates: Readonly<Record<string, unknown>>;
  /** The unit's charm state (state-get); @loom/ops keeps stored state and deferred events here. */
  readonly charmState: Bag;
  /** The deferred events queued, in order (read from the charm state). */
  readonly deferred: readonly DeferredNotice[];
  readonly unitStatus: Status;
  readonly appStatus: Status;
  readonly workloadVersion: string;
  /** `80/tcp`, `icmp`, ... as opened-ports lists them. */
  readonly openedPorts: readonly string[];
}

/** A state or relation that cannot be built, with what is wrong. */
export class StateValidationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

const UNKNOWN: Status = { current: 'unknown', message: '' };

function checkBag(where: string, bag: Bag): Bag {
  for (const [key, value] of Object.entries(bag)) {
    if (typeof value !== 'string')
      throw new StateValidationError(
        `${where}: "${key}" is ${typeof value}; databag values are strings (encode others as JSON)`,
      );
  }
  return Object.freeze({ ...bag });
}

function checkBags(where: string, bags: Readonly<Record<number, Bag>>) {
  const checked: Record<number, Bag> = {};
  for (const [number, bag] of Object.entries(bags)) {
    if (!/^(0|[1-9][0-9]*)$/.test(number))
      throw new StateValidationError(`${where}: "${number}" is not a unit number`);
    checked[Number(number)] = checkBag(`${where}[${number}]`, bag);
  }
  return Object.freeze(checked);
}

/** A relation of `endpoint` to `remoteAppName` (default `remote`), with one remote unit by default. */
export function relation(
  endpoint: string,
  options: Partial<Omit<Relation, 'kind' | 'endpoint' | 'id'>> = {},
): Relation {
  const where = `relation "${endpoint}"`;
  return Object.freeze({
    kind: 'regular',
    endpoint,
    remoteAppName: options.remoteAppName ?? 'remote',
    localAppData: checkBag(`${where} localAppData`, options.localAppData ?? {}),
    localUnitData: checkBag(`${where} localUnitData`, options.localUnitData ?? {}),
    remoteAppData: checkBag(`${where} remoteAppData`, options.remoteAppData ?? {}),
    remoteUnitsData: checkBags(`${where} remoteUnitsData`, options.remoteUnitsData ?? { 0: {} }),
  });
}

/** The peer relation of `endpoint`, with the other units' bags (none by default). */
export function peerRelation(
  endpoint: string,
  options: Partial<Omit<PeerRelation, 'kind' | 'endpoint' | 'id'>> = {},
): PeerRelation {
  const where = `peer relation "${endpoint}"`;
  return Object.freeze({
    kind: 'peer',
    endpoint,
    localAppData: checkBag(`${where} localAppData`, options.localAppData ?? {}),
    localUnitData: checkBag(`${where} localUnitData`, options.localUnitData ?? {}),
    peersData: checkBags(`${where} peersData`, options.peersData ?? {}),
  });
}

/** A container-scoped relation of `endpoint` to `remoteAppName` (default `remote`). */
export function subordinateRelation(
  endpoint: string,
  options: Partial<Omit<SubordinateRelation, 'kind' | 'endpoint' | 'id'>> = {},
): SubordinateRelation {
  const where = `subordinate relation "${endpoint}"`;
  return Object.freeze({
    kind: 'subordinate',
    endpoint,
    remoteAppName: options.remoteAppName ?? 'remote',
    localAppData: checkBag(`${where} localAppData`, options.localAppData ?? {}),
    localUnitData: checkBag(`${where} localUnitData`, options.localUnitData ?? {}),
    remoteAppData: checkBag(`${where} remoteAppData`, options.remoteAppData ?? {}),
    remoteUnitData: checkBag(`${where} remoteUnitData`, options.remoteUnitData ?? {}),
  });
}

/** A state: a non-leader with default config, no relations, no stored state, by default. */
export function state(fields: Partial<State> = {}): State {
  return Object.freeze({
    leader: fields.leader ?? false,
    config: Object.freeze({ ...(fields.config ?? {}) }),
    relations: Object.freeze([...(fields.relations ?? [])]),
    networks: Object.freeze({ ...(fields.networks ?? {}) }),
    secrets: Object.freeze([...(fields.secrets ?? [])]),
    storedStates: Object.freeze({ ...(fields.storedStates ?? {}) }),
    charmState: checkBag('charmState', fields.charmState ?? {}),
    deferred: Object.freeze([...(fields.deferred ?? [])]),
    unitStatus: fields.unitStatus ?? UNKNOWN,
    appStatus: fields.appStatus ?? UNKNOWN,
    workloadVersion: fields.workloadVersion ?? '',
    openedPorts: Object.freeze([...(fields.openedPorts ?? [])]),
  });
}
