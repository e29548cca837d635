/**
 * @loom/store: where a controller keeps its models. The `Store` interface, its SQLite
 * implementation (the embedded default) and its in-memory one; both pass one contract suite.
 */
export { levelOfRank, levelRank, matchesLogFilter } from './log-levels.js';
export type { LogRecordFilter } from './log-levels.js';
export { MemoryStore } from './memory/memory-store.js';
export type { MemoryStoreOptions } from './memory/memory-store.js';
export { MIGRATIONS, SCHEMA_VERSION } from './sqlite/schema.js';
export type { Migration } from './sqlite/schema.js';
export { SqliteStore } from './sqlite/sqlite-store.js';
export type { SqliteStoreOptions } from './sqlite/sqlite-store.js';
export { DEFAULT_MAX_LOG_RECORDS } from './store.js';
export type {
  CharmArchive,
  CommitBatch,
  Lease,
  LoadedModel,
  LogQuery,
  LogRecordInput,
  ModelRecord,
  OperationQuery,
  Store,
} from './store.js';
export {
  CharmExistsError,
  IntegrityError,
  ModelExistsError,
  ModelNotFoundError,
  RevisionConflictError,
  SchemaTooNewError,
  StoreError,
} from './store-error.js';
export type { StoreErrorCode } from './store-error.js';
