/**
 * The model as a JSON document: every entity core holds, in a stable order, with maps as objects.
 * `loom export-model` prints it, tests compare models through it, and the store's JSON columns
 * hold its pieces.
 */
import type {
  CharmMetadata,
  ConfigValue,
  Life,
  Machine,
  Membership,
  ModelSequences,
  Offer,
  RemoteApplication,
  OpenedPort,
  Relation,
  Status,
  Unit,
} from '@loom/core';

/** An application, its config as an object. */
export interface ApplicationDocument {
  readonly name: string;
  readonly charm: CharmMetadata;
  readonly charmUrl: string;
  readonly config: Readonly<Record<string, ConfigValue>>;
  readonly life: Life;
  readonly subordinate: boolean;
  readonly nextUnitNumber: number;
  readonly configVersion: number;
  readonly status: Status;
}

/** A databag with its owner, its values as an object. */
export interface BagDocument {
  readonly relationId: number;
  readonly owner: { readonly kind: 'application' | 'unit'; readonly name: string };
  readonly values: Readonly<Record<string, string>>;
  readonly version: number;
}

/** An application's leader settings. */
export interface LeaderSettingsDocument {
  readonly application: string;
  readonly values: Readonly<Record<string, string>>;
  readonly version: number;
}

/** Everything one model holds; every list sorted by its key. */
export interface ModelDocument {
  readonly name: string;
  readonly sequences: ModelSequences;
  readonly machines: readonly Machine[];
  readonly applications: readonly ApplicationDocument[];
  readonly units: readonly Unit[];
  readonly relations: readonly Relation[];
  readonly memberships: readonly Membership[];
  readonly bags: readonly BagDocument[];
  readonly leaders: readonly { readonly application: string; readonly unit: string }[];
  readonly leaderSettings: readonly LeaderSettingsDocument[];
  readonly charmState: readonly {
    readonly unit: string;
    readonly values: Readonly<Record<string, string>>;
  }[];
  readonly openedPorts: readonly { readonly unit: string; readonly ports: readonly OpenedPort[] }[];
  /** Offers of this model's applications (R8.1); absent in documents written before them. */
  readonly offers?: readonly Offer[];
  /** SAAS and consumer proxies (R8.2, R8.3); absent in documents written before them. */
  readonly remoteApplications?: readonly RemoteApplication[];
}
