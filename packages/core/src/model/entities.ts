/**
 * The entities of a model (spec §11.1): machines, applications, units, relations, memberships,
 * bags. Each is an immutable value; an operation replaces it with a new one.
 */
import type { CharmMetadata, ConfigValue, Endpoint, EndpointRole } from '../charm/metadata.js';

/** Life of an entity: Alive, then Dying while it tears down, then Dead just before removal. */
export type Life = 'alive' | 'dying' | 'dead';

/** A status as Juju shows it: a word and a message. */
export interface Status {
  readonly current: string;
  readonly message: string;
}

/** A logical machine: a place units run on. Principal units get one each by default. */
export interface Machine {
  readonly id: string;
  readonly life: Life;
}

/** An application: a charm deployed under a name, with its settings and units. */
export interface Application {
  readonly name: string;
  readonly charm: CharmMetadata;
  /**
   * Where the charm came from, Juju-style: `local:<charm>-<revision>` for a charm deployed from a
   * directory. Status shows its revision; the controller keeps the charm's files under it.
   */
  readonly charmUrl: string;
  /** Options the user set; an option not listed here takes the charm's default. */
  readonly config: ReadonlyMap<string, ConfigValue>;
  readonly life: Life;
  readonly subordinate: boolean;
  /** The number the next unit of this application gets (`<app>/<n>`); never reused. */
  readonly nextUnitNumber: number;
  /** Bumped by every change of `config`: a unit whose last config-changed saw another runs one. */
  readonly configVersion: number;
  /** The application status its leader sets (`status-set --application`). */
  readonly status: Status;
}

/** A unit of an application. Subordinate units name their principal and share its machine. */
export interface Unit {
  readonly name: string;
  readonly application: string;
  readonly machine: string;
  /** The principal unit, for a subordinate unit (R2.23). */
  readonly principal?: string;
  readonly life: Life;
  /** The unit agent's status; `allocating` until the agent first reports (R3.15). */
  readonly agentStatus: Status;
  readonly workloadStatus: Status;
  /** What `application-version-set` last set (R7.22); empty until then. */
  readonly workloadVersion: string;
}

/** Relation status words (J: `core/relation/status.go`; R2.22). */
export type RelationStatus = 'joining' | 'joined' | 'suspending' | 'suspended' | 'broken' | 'error';

/** One end of a relation: an application's endpoint, its scope already upgraded (R2.3). */
export interface RelationEndpoint extends Omit<Endpoint, 'description'> {
  readonly application: string;
}

/** A relation between two endpoints, or the single endpoint of a peer relation. */
export interface Relation {
  readonly id: number;
  /** The relation key (R2.17), also its display name. */
  readonly key: string;
  /** Two endpoints, or one for a peer relation, in key order (R2.17). */
  readonly endpoints: readonly RelationEndpoint[];
  /** Relations are Alive or Dying; they are removed rather than set Dead (R3.11). */
  readonly life: 'alive' | 'dying';
  readonly suspended: boolean;
  readonly suspendedReason: string;
  readonly status: RelationStatus;
  /** Units in scope, departing ones included (R3.6, R3.10). */
  readonly unitCount: number;
  /** Set for a cross-model relation: its link to the other model's half (§8). */
  readonly crossModel?: CrossModelLink;
}

/**
 * The link of a cross-model relation to its other half (R8.3): the models' relation ids are
 * unrelated, so each half names the other.
 */
export interface CrossModelLink {
  /** The remote application this relation has as one end. */
  readonly remoteApplication: string;
  /** The model holding the other half. */
  readonly model: string;
  /** The other half's id there; absent until the offering model registered it (R8.3). */
  readonly relationId?: number;
  /** On the offering side, the offer the relation connects through (an offer connection). */
  readonly offer?: string;
  /** Egress subnets given with `integrate --via` (R8.6); empty for none. */
  readonly via: readonly string[];
}

/** An offer (R8.1): some endpoints of a local application, published under a name. */
export interface Offer {
  readonly name: string;
  readonly application: string;
  /** The offered endpoints of the application, sorted. */
  readonly endpoints: readonly string[];
}

/** An endpoint of a remote application: what crosses of the charm's declaration (R8.2, R8.3). */
export interface RemoteEndpoint {
  readonly name: string;
  readonly role: Exclude<EndpointRole, 'peer'>;
  readonly interface: string;
}

/**
 * An application whose units live in another model (R8.2, R8.3): a SAAS consumed from an offer,
 * or, in the offering model, the proxy of a consuming application (`remote-<hex>`). It has no
 * charm and no units; its units exist only as members of its relations (R8.4).
 */
export interface RemoteApplication {
  readonly name: string;
  /** `saas` in the consuming model; `consumer` for the proxy in the offering model. */
  readonly kind: 'saas' | 'consumer';
  /** The model its units live in. */
  readonly sourceModel: string;
  /** Its application there: the offered one for a SAAS, the consuming one for a proxy. */
  readonly sourceApplication: string;
  /** The offer it comes through (a name in the offering model). */
  readonly offer: string;
  /** The offer URL a SAAS was consumed from (R8.1); empty for a proxy. */
  readonly url: string;
  readonly endpoints: readonly RemoteEndpoint[];
  readonly life: 'alive' | 'dying';
  /** `terminated` once the offer behind a SAAS is gone (R8.2). */
  readonly status: 'active' | 'terminated';
}

/** A unit's presence in a relation's scope (R3.1): present means "in scope". */
export interface Membership {
  readonly relationId: number;
  readonly unit: string;
  /** `r#<id>` for a global relation, `r#<id>#<principal>` for a container one (R3.1). */
  readonly scopeKey: string;
  readonly role: EndpointRole;
  /** Set when the unit is Dying: others treat it as gone at once (R3.8). */
  readonly departing: boolean;
}

/** Whose bag: an application's (one per application in the relation) or a unit's (R4.1). */
export type BagOwner =
  | { readonly kind: 'application'; readonly application: string }
  | { readonly kind: 'unit'; readonly unit: string };

/** A databag: string keys to string values, and a version bumped by every real change (R4.2). */
export interface Bag {
  readonly values: ReadonlyMap<string, string>;
  readonly version: number;
}

/** A transport protocol of an opened port range (R7.23). */
export type PortProtocol = 'tcp' | 'udp' | 'icmp';

/** A port range a unit opened (`open-port`, R7.23); `icmp` has no ports (from = to = 0). */
export interface OpenedPort {
  /** The endpoint it is opened for; `""` means every endpoint. */
  readonly endpoint: string;
  readonly protocol: PortProtocol;
  readonly from: number;
  readonly to: number;
}
