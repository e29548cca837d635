/**
 * The in-memory store: the same contract as SQLite, kept in maps. Models are core's immutable
 * states, so a commit is `applyChanges` on a copy and "atomic" means "checked before any write".
 */
import { applyChanges, emptyModel } from '@loom/core';
import type { UniterState } from '@loom/core';
import type { LogRecordDocument, OperationDocument } from '@loom/protocol';
import { isOpenOperation } from '@loom/protocol';

import { matchesLogFilter } from '../log-levels.js';
import { DEFAULT_MAX_LOG_RECORDS } from '../store.js';
import type {
  CharmArchive,
  CommitBatch,
  Lease,
  LoadedModel,
  LogQuery,
  LogRecordInput,
  ModelRecord,
  OperationQuery,
  Store,
} from '../store.js';
import {
  CharmExistsError,
  ModelExistsError,
  ModelNotFoundError,
  RevisionConflictError,
} from '../store-error.js';

interface MemoryModel {
  record: ModelRecord;
  loaded: Omit<LoadedModel, 'record' | 'openOperations' | 'nextOperationId' | 'charmUrls'>;
  operations: Map<number, OperationDocument>;
  charms: Map<string, CharmArchive>;
  log: LogRecordDocument[];
}

/** How an in-memory store is set up. */
export interface MemoryStoreOptions {
  /** Debug-log records kept per model; default 100,000. */
  readonly maxLogRecords?: number;
}

/**
 * A store in memory.
 *
 * @example
 * const store = new MemoryStore();
 * await store.createModel({ name: 'default', uuid, createdAt });
 */
export class MemoryStore implements Store {
  private readonly models = new Map<string, MemoryModel>();
  private readonly maxLogRecords: number;
  private nextLogId = 1;

  constructor(options: MemoryStoreOptions = {}) {
    this.maxLogRecords = options.maxLogRecords ?? DEFAULT_MAX_LOG_RECORDS;
  }

  listModels(): Promise<readonly ModelRecord[]> {
    const records = [...this.models.values()].map((model) => model.record);
    return Promise.resolve(records.sort((a, b) => (a.name < b.name ? -1 : 1)));
  }

  createModel(model: Omit<ModelRecord, 'revision'>): Promise<ModelRecord> {
    if (this.models.has(model.name)) return Promise.reject(new ModelExistsError(model.name));
    const record = { ...model, revision: 0 };
    this.models.set(model.name, {
      record,
      loaded: { state: emptyModel(model.name), uniterStates: new Map(), leases: new Map() },
      operations: new Map(),
      charms: new Map(),
      log: [],
    });
    return Promise.resolve(record);
  }

  async destroyModel(name: string): Promise<void> {
    await this.model(name);
    this.models.delete(name);
  }

  async loadModel(name: string): Promise<LoadedModel> {
    const model = await this.model(name);
    const ids = [...model.operations.keys()];
    return {
      record: model.record,
      ...model.loaded,
      openOperations: [...model.operations.values()]
        .filter(isOpenOperation)
        .sort((a, b) => a.id - b.id),
      nextOperationId: Math.max(0, ...ids) + 1,
      charmUrls: [...model.charms.keys()].sort(),
    };
  }

  async commit(name: string, expectedRevision: number, batch: CommitBatch): Promise<number> {
    const model = await this.model(name);
    if (model.record.revision !== expectedRevision)
      throw new RevisionConflictError(name, expectedRevision, model.record.revision);
    for (const charm of batch.charms ?? [])
      if (model.charms.has(charm.url)) throw new CharmExistsError(name, charm.url);

    const state = applyChanges(model.loaded.state, batch.changes);
    const uniterStates = new Map<string, UniterState>(model.loaded.uniterStates);
    for (const [unit, uniterState] of batch.uniterStates ?? []) {
      if (uniterState === undefined) uniterStates.delete(unit);
      else uniterStates.set(unit, uniterState);
    }
    const leases = new Map<string, Lease>(model.loaded.leases);
    for (const [application, lease] of batch.leases ?? []) {
      if (lease === undefined) leases.delete(application);
      else leases.set(application, lease);
    }
    for (const operation of batch.operations ?? []) model.operations.set(operation.id, operation);
    for (const charm of batch.charms ?? []) model.charms.set(charm.url, charm);
    model.loaded = { state, uniterStates, leases };
    model.record = { ...model.record, revision: expectedRevision + 1 };
    return model.record.revision;
  }

  async readCharm(name: string, url: string): Promise<CharmArchive | undefined> {
    return (await this.model(name)).charms.get(url);
  }

  async queryOperations(query: OperationQuery): Promise<readonly OperationDocument[]> {
    const model = await this.model(query.model);
    return [...model.operations.values()]
      .filter(
        (operation) =>
          (query.id === undefined || operation.id === query.id) &&
          (query.unit === undefined || operation.unit === query.unit) &&
          (query.status === undefined || operation.status === query.status),
      )
      .sort((a, b) => a.id - b.id);
  }

  async appendLog(
    name: string,
    records: readonly LogRecordInput[],
  ): Promise<readonly LogRecordDocument[]> {
    const model = await this.model(name);
    const stored = records.map((record) => ({ ...record, id: this.nextLogId++, model: name }));
    model.log.push(...stored);
    if (model.log.length > this.maxLogRecords)
      model.log.splice(0, model.log.length - this.maxLogRecords);
    return stored;
  }

  async queryLog(query: LogQuery): Promise<readonly LogRecordDocument[]> {
    const model = await this.model(query.model);
    const matching = model.log.filter(
      (record) =>
        (query.afterId === undefined || record.id > query.afterId) &&
        matchesLogFilter(query, record),
    );
    return query.limit === undefined
      ? matching
      : matching.slice(Math.max(0, matching.length - query.limit));
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  private model(name: string): Promise<MemoryModel> {
    const model = this.models.get(name);
    return model === undefined
      ? Promise.reject(new ModelNotFoundError(name))
      : Promise.resolve(model);
  }
}
