/**
 * The Store: where a controller keeps its models. One interface, two implementations (SQLite for
 * the embedded default, in memory for tests), one contract suite. A store does no rule checking:
 * core decided what changes, the store writes them atomically against the model's revision
 * (optimistic concurrency, so several controllers can later share one database).
 */
import type { LogLevel, ModelChange, ModelState, UniterState } from '@loom/core';
import type { CharmFileDocument, LogRecordDocument, OperationDocument } from '@loom/protocol';

/** A model's identity and revision. */
export interface ModelRecord {
  readonly name: string;
  readonly uuid: string;
  /** Starts at 0; every commit adds one. */
  readonly revision: number;
  readonly createdAt: string;
}

/** An application's leadership lease. */
export interface Lease {
  readonly application: string;
  readonly holder: string;
  /** Milliseconds since the epoch. */
  readonly expiresAt: number;
}

/** A charm's files, under the URL applications name it by. */
export interface CharmArchive {
  readonly url: string;
  readonly files: readonly CharmFileDocument[];
}

/** Everything a controller keeps in memory for a model, as loaded. */
export interface LoadedModel {
  readonly record: ModelRecord;
  readonly state: ModelState;
  readonly uniterStates: ReadonlyMap<string, UniterState>;
  /** application → lease. */
  readonly leases: ReadonlyMap<string, Lease>;
  /** Operations not finished yet (pending or running), in id order. */
  readonly openOperations: readonly OperationDocument[];
  /** The id the next operation gets. */
  readonly nextOperationId: number;
  readonly charmUrls: readonly string[];
}

/** What one commit writes, all or nothing. */
export interface CommitBatch {
  /** Entity changes, as core reported them. */
  readonly changes: readonly ModelChange[];
  /** unit → its new uniter state, or undefined to forget it. */
  readonly uniterStates?: readonly (readonly [string, UniterState | undefined])[];
  /** application → its new lease, or undefined to drop it. */
  readonly leases?: readonly (readonly [string, Lease | undefined])[];
  /** Operations created or updated. */
  readonly operations?: readonly OperationDocument[];
  /** Charms added; a URL already stored is refused. */
  readonly charms?: readonly CharmArchive[];
}

/** A debug-log record to append. */
export type LogRecordInput = Omit<LogRecordDocument, 'id' | 'model'>;

/** Which debug-log records to read. */
export interface LogQuery {
  readonly model: string;
  /** Only these units (or units of `applications`); everything when both are absent. */
  readonly units?: readonly string[];
  readonly applications?: readonly string[];
  /** Never these units, nor units of `excludeApplications`. */
  readonly excludeUnits?: readonly string[];
  readonly excludeApplications?: readonly string[];
  /** Only records at this level or above. */
  readonly level?: LogLevel;
  /** Only records with a greater id. */
  readonly afterId?: number;
  /** At most this many: the newest ones, still returned oldest first. */
  readonly limit?: number;
}

/** Which operations to read. */
export interface OperationQuery {
  readonly model: string;
  readonly id?: number;
  readonly unit?: string;
  readonly status?: OperationDocument['status'];
}

/** A controller's persistence. Every method is atomic. */
export interface Store {
  /** Every model, by name. */
  listModels(): Promise<readonly ModelRecord[]>;
  /**
   * Adds an empty model at revision 0.
   *
   * @throws ModelExistsError when the name is taken.
   */
  createModel(model: Omit<ModelRecord, 'revision'>): Promise<ModelRecord>;
  /**
   * Removes a model and everything it holds.
   *
   * @throws ModelNotFoundError
   */
  destroyModel(name: string): Promise<void>;
  /**
   * Reads a model.
   *
   * @throws ModelNotFoundError
   */
  loadModel(name: string): Promise<LoadedModel>;
  /**
   * Writes a batch if the model is still at `expectedRevision`; returns the new revision.
   *
   * @throws RevisionConflictError when another writer committed first: nothing is written.
   * @throws ModelNotFoundError
   * @throws CharmExistsError when a charm URL is already stored: nothing is written.
   */
  commit(model: string, expectedRevision: number, batch: CommitBatch): Promise<number>;
  /** A stored charm, or undefined. */
  readCharm(model: string, url: string): Promise<CharmArchive | undefined>;
  /** Operations matching a query, in id order. */
  queryOperations(query: OperationQuery): Promise<readonly OperationDocument[]>;
  /**
   * Appends debug-log records, dropping the oldest beyond the store's bound; returns them with
   * their ids.
   *
   * @throws ModelNotFoundError
   */
  appendLog(
    model: string,
    records: readonly LogRecordInput[],
  ): Promise<readonly LogRecordDocument[]>;
  /** Debug-log records matching a query, oldest first. */
  queryLog(query: LogQuery): Promise<readonly LogRecordDocument[]>;
  /** Releases the store's resources. */
  close(): Promise<void>;
}

/** Debug-log records kept per model by default. */
export const DEFAULT_MAX_LOG_RECORDS = 100_000;
