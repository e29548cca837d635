/**
 * The state of one model: its entities in persistent maps (structure shared between versions, so
 * an operation costs what it touches, not the model's size) and indexes derived from them.
 */
import { Map as ImmutableMap } from 'immutable';
import type { Set as ImmutableSet } from 'immutable';

import type { EndpointRole } from '../charm/metadata.js';
import type { ModelSequences } from './changes.js';
import type {
  Application,
  Bag,
  Machine,
  Membership,
  Offer,
  OpenedPort,
  Relation,
  RemoteApplication,
  Unit,
} from './entities.js';
import type { MemberTree } from './member-tree.js';

/** The bags of one relation: one per application, one per unit that ever entered scope (R4.1). */
export interface RelationBags {
  readonly applications: ImmutableMap<string, Bag>;
  readonly units: ImmutableMap<string, Bag>;
}

/**
 * Indexes kept in step with the entities, so that reads and operations never scan the model.
 * They are derived data: `rebuildIndex` recomputes them from the entities.
 */
export interface ModelIndex {
  readonly unitsByApplication: ImmutableMap<string, ImmutableSet<string>>;
  readonly unitsByMachine: ImmutableMap<string, ImmutableSet<string>>;
  /** principal unit → subordinate application → its subordinate unit there (R2.23). */
  readonly subordinates: ImmutableMap<string, ImmutableMap<string, string>>;
  readonly relationsByApplication: ImmutableMap<string, ImmutableSet<number>>;
  /** Key of every existing relation → its id (keys are unique among them, R2.14). */
  readonly relationByKey: ImmutableMap<string, number>;
  /** unit → relations it is in scope of. */
  readonly relationsByUnit: ImmutableMap<string, ImmutableSet<number>>;
  /**
   * relation → scope → role → non-departing member → its unit bag version. This is what a unit
   * observes (R3.2, R5.7), ready to hand out without scanning the scope.
   */
  readonly scopeMembers: ImmutableMap<
    number,
    ImmutableMap<string, ImmutableMap<EndpointRole, MemberTree>>
  >;
}

/** Everything one model holds. Immutable: operations return a new state. */
export interface ModelState {
  readonly name: string;
  readonly sequences: ModelSequences;
  readonly machines: ImmutableMap<string, Machine>;
  readonly applications: ImmutableMap<string, Application>;
  readonly units: ImmutableMap<string, Unit>;
  readonly relations: ImmutableMap<number, Relation>;
  /** relation → unit → membership. */
  readonly memberships: ImmutableMap<number, ImmutableMap<string, Membership>>;
  readonly bags: ImmutableMap<number, RelationBags>;
  /** application → its leader unit. Leadership is an input: the controller's lease decides. */
  readonly leaders: ImmutableMap<string, string>;
  /** application → its leader settings (`leader-set`), versioned like a bag (R5.21). */
  readonly leaderSettings: ImmutableMap<string, Bag>;
  /** unit → its charm state (`state-set`, R7.21). */
  readonly charmState: ImmutableMap<string, ReadonlyMap<string, string>>;
  /** unit → the port ranges it opened (R7.23); a unit with none has no entry. */
  readonly openedPorts: ImmutableMap<string, readonly OpenedPort[]>;
  /** Offers of this model's applications, by offer name (R8.1). */
  readonly offers: ImmutableMap<string, Offer>;
  /** Applications whose units live in other models, by name (R8.2, R8.3). */
  readonly remoteApplications: ImmutableMap<string, RemoteApplication>;
  readonly index: ModelIndex;
}

/** Indexes of a model with no entities. */
export const EMPTY_INDEX: ModelIndex = {
  unitsByApplication: ImmutableMap(),
  unitsByMachine: ImmutableMap(),
  subordinates: ImmutableMap(),
  relationsByApplication: ImmutableMap(),
  relationByKey: ImmutableMap(),
  relationsByUnit: ImmutableMap(),
  scopeMembers: ImmutableMap(),
};

/**
 * A new, empty model.
 *
 * @example
 * const state = emptyModel('default');
 */
export function emptyModel(name: string): ModelState {
  return {
    name,
    sequences: { relation: 0, machine: 0 },
    machines: ImmutableMap(),
    applications: ImmutableMap(),
    units: ImmutableMap(),
    relations: ImmutableMap(),
    memberships: ImmutableMap(),
    bags: ImmutableMap(),
    leaders: ImmutableMap(),
    leaderSettings: ImmutableMap(),
    charmState: ImmutableMap(),
    openedPorts: ImmutableMap(),
    offers: ImmutableMap(),
    remoteApplications: ImmutableMap(),
    index: EMPTY_INDEX,
  };
}

/** The empty bag every application bag starts as (R2.21). */
export const EMPTY_BAG: Bag = { values: new Map(), version: 0 };
