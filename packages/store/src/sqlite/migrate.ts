/**
 * Bringing a database to the current schema: read `schema_version`, refuse a newer one, apply the
 * missing migrations in order, each with its version bump in one transaction.
 */
import type { Database } from 'better-sqlite3';

import { SchemaTooNewError } from '../store-error.js';
import { MIGRATIONS, SCHEMA_VERSION } from './schema.js';

/**
 * Migrates `db` (at `path`, for messages) and returns the version it is at.
 *
 * @throws SchemaTooNewError when the database was written by a newer Loom.
 */
export function migrate(db: Database, path: string): number {
  db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
  const row = db.prepare('SELECT max(version) AS version FROM schema_version').get() as {
    version: number | null;
  };
  const current = row.version ?? 0;
  if (current > SCHEMA_VERSION) throw new SchemaTooNewError(path, current, SCHEMA_VERSION);
  const record = db.prepare('INSERT INTO schema_version (version) VALUES (?)');
  for (const migration of MIGRATIONS) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.version);
    }).immediate();
  }
  return SCHEMA_VERSION;
}
