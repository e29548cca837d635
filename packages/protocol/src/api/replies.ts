/** What successful calls answer: plain JSON documents, one type per method. */
import type { BundleStep, Life, RelationStatus, Status } from '@loom/core';

import type { ModelDocument } from '../codec/model-document.js';
import type { UniterStateDocument } from '../codec/uniter-state-codec.js';
import type { LogLevel } from '@loom/core';

/** A model as `loom models` lists it. */
export interface ModelSummary {
  readonly name: string;
  readonly uuid: string;
  /** Bumped by every committed change of the model. */
  readonly revision: number;
  readonly createdAt: string;
}

/**
 * What an agent's write answers: the model revision that holds it, so the agent can wait for its
 * own watches to catch up before it reads its writes back.
 */
export interface CommittedReply {
  readonly revision: number;
}

/** A model in `loom models`: its summary and how much it holds. */
export interface ModelListing extends ModelSummary {
  readonly machines: number;
  readonly applications: number;
  readonly units: number;
}

/** One unit in a status. */
export interface UnitStatusDocument {
  readonly name: string;
  readonly application: string;
  readonly machine: string;
  readonly principal: string | null;
  readonly life: Life;
  readonly leader: boolean;
  readonly agentStatus: Status;
  readonly workloadStatus: Status;
  /** What `application-version-set` set; empty until then. */
  readonly workloadVersion: string;
  /** Opened ranges as `opened-ports` prints them (`80/tcp`). */
  readonly ports: readonly string[];
  readonly subordinates: readonly string[];
}

/** An application related through one of another's endpoints. */
export interface RelatedApplicationDocument {
  readonly application: string;
  readonly interface: string;
  readonly scope: 'global' | 'container';
}

/** One application in a status. */
export interface ApplicationStatusDocument {
  readonly name: string;
  readonly charm: string;
  readonly charmUrl: string;
  readonly charmRevision: number;
  readonly life: Life;
  readonly subordinate: boolean;
  readonly status: Status;
  /**
   * The workload version: the leader's, else that of the first unit (by name) that set one; empty
   * when none did.
   */
  readonly version: string;
  readonly scale: number;
  readonly leader: string | null;
  /** Every endpoint of its charm, the implicit juju-info included (R1.8). */
  readonly endpoints: readonly string[];
  /** endpoint → the applications related through it, by application name. */
  readonly relations: Readonly<Record<string, readonly RelatedApplicationDocument[]>>;
  readonly units: readonly string[];
}

/** One relation in a status. */
export interface RelationStatusDocument {
  readonly id: number;
  readonly key: string;
  readonly interface: string;
  readonly scope: 'global' | 'container';
  readonly life: 'alive' | 'dying';
  readonly status: RelationStatus;
  readonly suspended: boolean;
  readonly peer: boolean;
  readonly endpoints: readonly {
    readonly application: string;
    readonly name: string;
    readonly role: string;
  }[];
  readonly unitCount: number;
}

/** An endpoint of an offer or a SAAS. */
export interface RemoteEndpointDocument {
  readonly name: string;
  readonly role: 'provider' | 'requirer';
  readonly interface: string;
}

/** One relation connected through an offer (an offer connection, R8.3). */
export interface OfferConnectionDocument {
  readonly relationId: number;
  /** The consuming model and application. */
  readonly sourceModel: string;
  readonly sourceApplication: string;
  readonly user: string;
  readonly endpoint: string;
  readonly status: RelationStatus;
  readonly suspended: boolean;
  readonly suspendedReason: string;
  /** The consumer's units in scope. */
  readonly unitCount: number;
}

/** An offer (R8.1), as `offers`, `show-offer` and `find-offers` show it. */
export interface OfferDocument {
  /** `<user>/<model>.<offer>`. */
  readonly url: string;
  readonly model: string;
  readonly name: string;
  readonly application: string;
  readonly charm: string;
  readonly charmRevision: number;
  readonly endpoints: readonly RemoteEndpointDocument[];
  readonly connections: readonly OfferConnectionDocument[];
}

/** A SAAS in the consuming model's status (R8.2). */
export interface SaasStatusDocument {
  readonly name: string;
  /** `active`, or `terminated` once the offer is gone. */
  readonly status: string;
  readonly life: Life;
  readonly url: string;
  readonly endpoints: readonly RemoteEndpointDocument[];
  /** endpoint → the local applications related through it. */
  readonly relations: Readonly<Record<string, readonly string[]>>;
}

/** A model's status: everything `loom status` shows, lists sorted by name or id. */
export interface StatusDocument {
  readonly model: ModelSummary;
  readonly machines: readonly {
    readonly id: string;
    readonly life: Life;
    /** The machine's own loopback address (127.x.y.z): its units' address. */
    readonly address: string;
    readonly units: readonly string[];
  }[];
  readonly applications: readonly ApplicationStatusDocument[];
  readonly units: readonly UnitStatusDocument[];
  readonly relations: readonly RelationStatusDocument[];
  /** Remote applications consumed from offers, by name. */
  readonly saas: readonly SaasStatusDocument[];
  /** This model's offers, by name. */
  readonly offers: readonly OfferDocument[];
}

/** A unit's bag in a relation as `show-unit` shows it. */
export interface UnitRelationDataDocument {
  readonly inScope: boolean;
  readonly data: Readonly<Record<string, string>>;
}

/** One relation of a unit, as `juju show-unit` lists it under relation-info. */
export interface UnitRelationInfoDocument {
  readonly relationId: number;
  readonly endpoint: string;
  readonly relatedEndpoint: string;
  /** The related application's bag (the unit's own application's, for a peer relation). */
  readonly applicationData: Readonly<Record<string, string>>;
  /** The unit's own bag; absent when it never entered scope. */
  readonly localUnit?: UnitRelationDataDocument;
  /** The related units in the unit's scope, by name. */
  readonly relatedUnits: Readonly<Record<string, UnitRelationDataDocument>>;
}

/** A unit with what it sees of its relations (`show-unit`). */
export interface ShowUnitDocument {
  readonly name: string;
  readonly workloadVersion: string;
  readonly machine: string;
  /** Opened ranges (`80/tcp`). */
  readonly openedPorts: readonly string[];
  readonly publicAddress: string;
  readonly charmUrl: string;
  readonly leader: boolean;
  readonly life: Life;
  readonly relations: readonly UnitRelationInfoDocument[];
}

/** An option in `config` output, Juju style. */
export interface ConfigOptionDocument {
  readonly type: string;
  readonly description: string;
  readonly default?: string | number | boolean;
  readonly value?: string | number | boolean;
  /** `user` when set, `default` when the charm's default applies, `unset` otherwise. */
  readonly source: 'user' | 'default' | 'unset';
}

/** An application's settings. */
export interface ConfigDocument {
  readonly application: string;
  readonly charm: string;
  readonly settings: Readonly<Record<string, ConfigOptionDocument>>;
}

/** Where an exec or action run is. */
export type OperationStatus = 'pending' | 'running' | 'completed' | 'failed' | 'cancelled';

/** A run not yet ended: queued or running. */
export function isOpenOperation(operation: { readonly status: OperationStatus }): boolean {
  return operation.status === 'pending' || operation.status === 'running';
}

/** An exec or action run on one unit. */
export interface OperationDocument {
  readonly id: number;
  readonly unit: string;
  readonly kind: 'exec' | 'action';
  /** The action's name, or `exec`. */
  readonly name: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly status: OperationStatus;
  readonly message: string;
  readonly results: Readonly<Record<string, unknown>>;
  readonly enqueuedAt: string;
  readonly startedAt: string | null;
  readonly completedAt: string | null;
}

/** A debug-log record. */
export interface LogRecordDocument {
  readonly id: number;
  readonly time: string;
  readonly model: string;
  readonly unit: string;
  readonly hook: string;
  readonly level: LogLevel;
  readonly message: string;
}

/** One file of a charm, content in base64. */
export interface CharmFileDocument {
  readonly path: string;
  readonly mode: number;
  readonly content: string;
}

/** What an agent learns when it starts. */
export interface AgentStartReply {
  readonly modelUuid: string;
  readonly machine: string;
  readonly principal: string | null;
  readonly charmUrl: string;
  /** The stored uniter state, or null before the unit's first operation. */
  readonly uniterState: UniterStateDocument | null;
}

/** The state of an application's leadership lease after a claim. */
export interface LeadershipReply {
  readonly leader: boolean;
  readonly holder: string | null;
  /** Milliseconds since the epoch; the claimant renews before then. */
  readonly expiresAt: number | null;
}

/** Replies, by method. */
export interface ApiReplies {
  'add-model': ModelSummary;
  models: { readonly models: readonly ModelListing[] };
  'destroy-model': Record<string, never>;
  status: StatusDocument;
  'show-unit': ShowUnitDocument;
  'export-model': { readonly revision: number; readonly model: ModelDocument };
  deploy: {
    readonly application: string;
    readonly charmUrl: string;
    readonly units: readonly string[];
    readonly peerRelations: readonly number[];
  };
  'deploy-bundle': { readonly steps: readonly BundleStep[]; readonly dryRun: boolean };
  'add-unit': { readonly units: readonly string[] };
  'remove-unit': Record<string, never>;
  'remove-application': Record<string, never>;
  integrate: { readonly relationId: number; readonly key: string };
  'remove-relation': Record<string, never>;
  offer: OfferDocument;
  offers: { readonly offers: readonly OfferDocument[] };
  'show-offer': OfferDocument;
  'remove-offer': Record<string, never>;
  consume: { readonly saas: string };
  'remove-saas': Record<string, never>;
  'suspend-relation': Record<string, never>;
  'resume-relation': Record<string, never>;
  config: ConfigDocument;
  configure: Record<string, never>;
  resolve: Record<string, never>;
  exec: { readonly operations: readonly OperationDocument[] };
  'run-action': { readonly operations: readonly OperationDocument[] };
  'show-operation': OperationDocument;
  operations: { readonly operations: readonly OperationDocument[] };
  'debug-log': { readonly records: readonly LogRecordDocument[] };
  'agent/start': AgentStartReply;
  'agent/run-operation': CommittedReply;
  'agent/commit-hook': CommittedReply;
  'agent/fail-hook': CommittedReply;
  'agent/claim-leadership': LeadershipReply;
  'agent/acquire-hook-slot': Record<string, never>;
  'agent/release-hook-slot': Record<string, never>;
  'agent/relation-get': {
    readonly values: Readonly<Record<string, string>>;
    readonly version: number;
  };
  'agent/set-status': CommittedReply;
  'agent/set-workload-version': CommittedReply;
  'agent/leader-set': CommittedReply;
  'agent/log': Record<string, never>;
  'agent/operation-started': CommittedReply;
  'agent/operation-finished': CommittedReply;
  'agent/charm': { readonly url: string; readonly files: readonly CharmFileDocument[] };
}
