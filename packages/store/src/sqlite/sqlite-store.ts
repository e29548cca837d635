/**
 * The SQLite store, the embedded default (DESIGN "Process model"): one file, WAL journal, foreign
 * keys on, every commit one IMMEDIATE transaction that checks the model's revision first, and
 * `synchronous = FULL` by default so an acknowledged commit survives a crash of the process or
 * of the machine.
 */
import { applicationOfUnit } from '@loom/core';
import type { UniterState } from '@loom/core';
import { decodeUniterState, encodeUniterState } from '@loom/protocol';
import type { LogRecordDocument, OperationDocument, UniterStateDocument } from '@loom/protocol';
import Database from 'better-sqlite3';
import type { Database as Connection, Statement } from 'better-sqlite3';

import { levelOfRank, levelRank } from '../log-levels.js';
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
  IntegrityError,
  ModelExistsError,
  ModelNotFoundError,
  RevisionConflictError,
} from '../store-error.js';
import { packCharm, unpackCharm } from './charm-blob.js';
import { EntityWriter } from './entity-writer.js';
import { migrate } from './migrate.js';
import { readModel } from './model-reader.js';
import { operationOfRow, operationValues } from './operation-rows.js';
import type { OperationRow } from './operation-rows.js';

/** How a SQLite store is opened. */
export interface SqliteStoreOptions {
  /** The database file (created when missing), or `:memory:`. */
  readonly path: string;
  /** Debug-log records kept per model; default 100,000. */
  readonly maxLogRecords?: number;
  /**
   * `full` (default): a commit is on disk when acknowledged. `normal`: it survives a crash of the
   * process but maybe not of the machine; faster.
   */
  readonly synchronous?: 'full' | 'normal';
}

interface ModelRow {
  id: number;
  name: string;
  uuid: string;
  revision: number;
  created_at: string;
}

interface LogRow {
  id: number;
  time: string;
  unit: string;
  hook: string;
  level: number;
  message: string;
}

const recordOf = (row: ModelRow): ModelRecord => ({
  name: row.name,
  uuid: row.uuid,
  revision: row.revision,
  createdAt: row.created_at,
});

/**
 * A store in a SQLite database.
 *
 * @example
 * const store = SqliteStore.open({ path: join(home, 'controller.db') });
 * const model = await store.loadModel('default');
 *
 * @throws SchemaTooNewError (from `open`) when a newer Loom wrote the database.
 */
export class SqliteStore implements Store {
  private readonly writer: EntityWriter;
  private readonly maxLogRecords: number;
  /** Statements by their SQL, prepared once: a commit runs several. */
  private readonly statements = new Map<string, Statement>();

  private constructor(
    private readonly db: Connection,
    options: SqliteStoreOptions,
  ) {
    this.maxLogRecords = options.maxLogRecords ?? DEFAULT_MAX_LOG_RECORDS;
    this.writer = new EntityWriter(db);
  }

  private prepared(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (statement === undefined) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** Opens (creating and migrating as needed) the database at `options.path`. */
  static open(options: SqliteStoreOptions): SqliteStore {
    const db = new Database(options.path);
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('foreign_keys = ON');
      db.pragma(`synchronous = ${options.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
      db.pragma('busy_timeout = 5000');
      migrate(db, options.path);
      return new SqliteStore(db, options);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  listModels(): Promise<readonly ModelRecord[]> {
    const rows = this.prepared('SELECT * FROM models ORDER BY name').all() as ModelRow[];
    return Promise.resolve(rows.map(recordOf));
  }

  createModel(model: Omit<ModelRecord, 'revision'>): Promise<ModelRecord> {
    return this.attempt(() =>
      this.db
        .transaction(() => {
          if (this.modelRow(model.name) !== undefined) throw new ModelExistsError(model.name);
          this.db
            .prepare('INSERT INTO models (name, uuid, revision, created_at) VALUES (?, ?, 0, ?)')
            .run(model.name, model.uuid, model.createdAt);
          return { ...model, revision: 0 };
        })
        .immediate(),
    );
  }

  destroyModel(name: string): Promise<void> {
    return this.attempt(() => {
      const { changes } = this.prepared('DELETE FROM models WHERE name = ?').run(name);
      if (changes === 0) throw new ModelNotFoundError(name);
    });
  }

  loadModel(name: string): Promise<LoadedModel> {
    return this.attempt(() =>
      this.db.transaction(() => {
        const row = this.requireModel(name);
        const all = <T>(sql: string) => this.prepared(sql).all(row.id) as T[];
        const uniterStates = new Map<string, UniterState>();
        for (const entry of all<{ unit: string; state: string }>(
          'SELECT unit, state FROM uniter_states WHERE model_id = ?',
        )) {
          const document = JSON.parse(entry.state) as UniterStateDocument;
          uniterStates.set(entry.unit, decodeUniterState(document));
        }
        const leases = new Map<string, Lease>();
        for (const lease of all<{ application: string; holder: string; expires_at: number }>(
          'SELECT application, holder, expires_at FROM leases WHERE model_id = ?',
        )) {
          leases.set(lease.application, {
            application: lease.application,
            holder: lease.holder,
            expiresAt: lease.expires_at,
          });
        }
        const [last] = all<{ id: number | null }>(
          'SELECT max(id) AS id FROM operations WHERE model_id = ?',
        );
        return {
          record: recordOf(row),
          state: readModel(this.db, row.id, name),
          uniterStates,
          leases,
          openOperations: all<OperationRow>(
            `SELECT * FROM operations WHERE model_id = ? AND status IN ('pending', 'running')
             ORDER BY id`,
          ).map(operationOfRow),
          nextOperationId: (last?.id ?? 0) + 1,
          charmUrls: all<{ url: string }>(
            'SELECT url FROM charms WHERE model_id = ? ORDER BY url',
          ).map((charm) => charm.url),
        };
      })(),
    );
  }

  commit(name: string, expectedRevision: number, batch: CommitBatch): Promise<number> {
    return this.attempt(
      () =>
        this.db
          .transaction(() => {
            const row = this.requireModel(name);
            if (row.revision !== expectedRevision)
              throw new RevisionConflictError(name, expectedRevision, row.revision);
            this.writeBatch(row.id, name, batch);
            const revision = expectedRevision + 1;
            this.prepared('UPDATE models SET revision = ? WHERE id = ?').run(revision, row.id);
            return revision;
          })
          .immediate(),
      name,
    );
  }

  readCharm(name: string, url: string): Promise<CharmArchive | undefined> {
    return this.attempt(() => {
      const row = this.requireModel(name);
      const charm = this.db
        .prepare('SELECT archive FROM charms WHERE model_id = ? AND url = ?')
        .get(row.id, url) as { archive: Buffer } | undefined;
      return charm === undefined ? undefined : { url, files: unpackCharm(charm.archive) };
    });
  }

  queryOperations(query: OperationQuery): Promise<readonly OperationDocument[]> {
    return this.attempt(() => {
      const row = this.requireModel(query.model);
      const rows = this.db
        .prepare(
          `SELECT * FROM operations WHERE model_id = :model
             AND (:id IS NULL OR id = :id) AND (:unit IS NULL OR unit = :unit)
             AND (:status IS NULL OR status = :status)
           ORDER BY id`,
        )
        .all({
          model: row.id,
          id: query.id ?? null,
          unit: query.unit ?? null,
          status: query.status ?? null,
        }) as OperationRow[];
      return rows.map(operationOfRow);
    });
  }

  appendLog(
    name: string,
    records: readonly LogRecordInput[],
  ): Promise<readonly LogRecordDocument[]> {
    return this.attempt(() =>
      this.db
        .transaction(() => {
          const row = this.requireModel(name);
          const insert = this.prepared(
            `INSERT INTO debug_log (model_id, time, unit, application, hook, level, message)
             VALUES (?, ?, ?, ?, ?, ?, ?)`,
          );
          const stored = records.map((record) => {
            const { lastInsertRowid } = insert.run(
              row.id,
              record.time,
              record.unit,
              applicationOfUnit(record.unit),
              record.hook,
              levelRank(record.level),
              record.message,
            );
            return { ...record, id: Number(lastInsertRowid), model: name };
          });
          this.db
            .prepare(
              `DELETE FROM debug_log WHERE model_id = :model AND id <= (
                 SELECT id FROM debug_log WHERE model_id = :model ORDER BY id DESC LIMIT 1 OFFSET :keep)`,
            )
            .run({ model: row.id, keep: this.maxLogRecords });
          return stored;
        })
        .immediate(),
    );
  }

  queryLog(query: LogQuery): Promise<readonly LogRecordDocument[]> {
    return this.attempt(() => {
      const row = this.requireModel(query.model);
      const units = query.units ?? [];
      const applications = query.applications ?? [];
      const everyone = units.length === 0 && applications.length === 0;
      const rows = this.db
        .prepare(
          `SELECT * FROM (
             SELECT id, time, unit, hook, level, message FROM debug_log
             WHERE model_id = :model AND id > :after AND level >= :level
               AND (:everyone OR unit IN (SELECT value FROM json_each(:units))
                    OR application IN (SELECT value FROM json_each(:applications)))
               AND unit NOT IN (SELECT value FROM json_each(:excludeUnits))
               AND application NOT IN (SELECT value FROM json_each(:excludeApplications))
             ORDER BY id DESC LIMIT :limit)
           ORDER BY id`,
        )
        .all({
          model: row.id,
          after: query.afterId ?? 0,
          level: query.level === undefined ? 0 : levelRank(query.level),
          everyone: everyone ? 1 : 0,
          units: JSON.stringify(units),
          excludeUnits: JSON.stringify(query.excludeUnits ?? []),
          excludeApplications: JSON.stringify(query.excludeApplications ?? []),
          applications: JSON.stringify(applications),
          limit: query.limit ?? -1,
        }) as LogRow[];
      return rows.map((log) => ({
        id: log.id,
        time: log.time,
        model: query.model,
        unit: log.unit,
        hook: log.hook,
        level: levelOfRank(log.level),
        message: log.message,
      }));
    });
  }

  close(): Promise<void> {
    this.db.close();
    return Promise.resolve();
  }

  private writeBatch(modelId: number, name: string, batch: CommitBatch): void {
    for (const charm of batch.charms ?? []) {
      const exists = this.db
        .prepare('SELECT 1 FROM charms WHERE model_id = ? AND url = ?')
        .get(modelId, charm.url);
      if (exists !== undefined) throw new CharmExistsError(name, charm.url);
      this.db
        .prepare('INSERT INTO charms (model_id, url, archive) VALUES (?, ?, ?)')
        .run(modelId, charm.url, packCharm(charm.files));
    }
    for (const change of batch.changes) this.writer.write(modelId, change);
    for (const [unit, state] of batch.uniterStates ?? []) {
      if (state === undefined) {
        this.db
          .prepare('DELETE FROM uniter_states WHERE model_id = ? AND unit = ?')
          .run(modelId, unit);
      } else {
        this.db
          .prepare('INSERT OR REPLACE INTO uniter_states (model_id, unit, state) VALUES (?, ?, ?)')
          .run(modelId, unit, JSON.stringify(encodeUniterState(state)));
      }
    }
    for (const [application, lease] of batch.leases ?? []) {
      if (lease === undefined) {
        this.db
          .prepare('DELETE FROM leases WHERE model_id = ? AND application = ?')
          .run(modelId, application);
      } else {
        this.db
          .prepare(
            'INSERT OR REPLACE INTO leases (model_id, application, holder, expires_at) VALUES (?, ?, ?, ?)',
          )
          .run(modelId, application, lease.holder, lease.expiresAt);
      }
    }
    const putOperation = this.prepared(
      'INSERT OR REPLACE INTO operations VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    for (const operation of batch.operations ?? [])
      putOperation.run(modelId, ...operationValues(operation));
  }

  private modelRow(name: string): ModelRow | undefined {
    return this.prepared('SELECT * FROM models WHERE name = ?').get(name) as ModelRow | undefined;
  }

  private requireModel(name: string): ModelRow {
    const row = this.modelRow(name);
    if (row === undefined) throw new ModelNotFoundError(name);
    return row;
  }

  /** Runs a synchronous database step as a promise, translating SQLite's failures once. */
  private attempt<T>(step: () => T, model = ''): Promise<T> {
    try {
      return Promise.resolve(step());
    } catch (error) {
      return Promise.reject(translate(error, model));
    }
  }
}

function translate(error: unknown, model: string): Error {
  if (error instanceof Database.SqliteError && error.code.startsWith('SQLITE_CONSTRAINT'))
    return new IntegrityError(model, error.message);
  return error instanceof Error ? error : new Error(String(error));
}
