/**
 * The SQLite store passes the store contract, and what only a database file has: it survives
 * being closed and reopened, migrates and refuses a newer schema, runs in WAL mode, and refuses
 * a batch that would break referential integrity without writing any of it.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';

import { busyModel, entitiesOf } from '@loom/core/test-support';
import Database from 'better-sqlite3';

import { IntegrityError, SchemaTooNewError } from '../store-error.js';
import { describeLogBound, describeStoreContract } from '../test-support/store-contract.js';
import type { StoreHarness } from '../test-support/store-contract.js';
import { MIGRATIONS, SCHEMA_VERSION } from './schema.js';
import { SqliteStore } from './sqlite-store.js';

const directories: string[] = [];
after(async () => {
  for (const directory of directories) await rm(directory, { recursive: true, force: true });
});

async function databasePath(): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'loom-store-'));
  directories.push(directory);
  return join(directory, 'controller.db');
}

async function harness(maxLogRecords?: number): Promise<StoreHarness> {
  const path = await databasePath();
  const options = maxLogRecords === undefined ? { path } : { path, maxLogRecords };
  const store = SqliteStore.open(options);
  const others: SqliteStore[] = [];
  return {
    store,
    secondWriter: () => {
      const other = SqliteStore.open({ path });
      others.push(other);
      return other;
    },
    dispose: async () => {
      for (const other of others) await other.close();
      await store.close();
    },
  };
}

describeStoreContract('SqliteStore', () => harness());
describeLogBound('SqliteStore', (max) => harness(max));

describe('SqliteStore on disk', () => {
  it('loads after close and reopen exactly what was committed', async () => {
    const path = await databasePath();
    const sim = busyModel();
    const first = SqliteStore.open({ path });
    await first.createModel({ name: 'busy', uuid: 'u', createdAt: 'now' });
    let revision = 0;
    for (const changes of sim.changeSets)
      revision = await first.commit('busy', revision, { changes });
    await first.close();
    const second = SqliteStore.open({ path });
    const model = await second.loadModel('busy');
    assert.equal(model.record.revision, revision);
    assert.deepEqual(entitiesOf(model.state), entitiesOf(sim.state));
    await second.close();
  });

  it('records its schema version, uses WAL and foreign keys', async () => {
    const path = await databasePath();
    await SqliteStore.open({ path }).close();
    const db = new Database(path);
    try {
      const row = db.prepare('SELECT max(version) AS version FROM schema_version').get() as {
        version: number;
      };
      assert.equal(row.version, SCHEMA_VERSION);
      assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    } finally {
      db.close();
    }
  });

  it('refuses a database written by a newer Loom, saying what to do', async () => {
    const path = await databasePath();
    await SqliteStore.open({ path }).close();
    const db = new Database(path);
    db.prepare('INSERT INTO schema_version (version) VALUES (?)').run(SCHEMA_VERSION + 1);
    db.close();
    assert.throws(
      () => SqliteStore.open({ path }),
      (error: unknown) =>
        error instanceof SchemaTooNewError &&
        error.message ===
          `${path} has schema version ${SCHEMA_VERSION + 1}, but this Loom knows versions up to ${SCHEMA_VERSION}; upgrade Loom to open it`,
    );
  });

  it('migrates a version-1 database: units keep their rows and get an empty workload version', async () => {
    const path = await databasePath();
    const old = new Database(path);
    old.exec(MIGRATIONS[0]?.sql ?? '');
    old.exec('CREATE TABLE schema_version (version INTEGER NOT NULL)');
    old.exec('INSERT INTO schema_version (version) VALUES (1)');
    old.exec(`
      INSERT INTO models (name, uuid, revision, created_at) VALUES ('m', 'u', 3, 'now');
      INSERT INTO machines VALUES (1, '0', 'alive');
      INSERT INTO applications VALUES
        (1, 'db', 'local:db-0', '{"name":"db"}', '{}', 'alive', 0, 1, 0, 'unknown', '');
      INSERT INTO units (model_id, name, application, machine, principal, life, agent_status,
        agent_message, workload_status, workload_message)
        VALUES (1, 'db/0', 'db', '0', NULL, 'alive', 'idle', '', 'active', 'ready');
    `);
    old.close();
    const store = SqliteStore.open({ path });
    try {
      const model = await store.loadModel('m');
      assert.equal(model.record.revision, 3);
      assert.deepEqual(model.state.units.get('db/0'), {
        name: 'db/0',
        application: 'db',
        machine: '0',
        life: 'alive',
        agentStatus: { current: 'idle', message: '' },
        workloadStatus: { current: 'active', message: 'ready' },
        workloadVersion: '',
      });
    } finally {
      await store.close();
    }
  });

  it('refuses a batch that leaves a unit without its application, writing none of it', async () => {
    const store = SqliteStore.open({ path: await databasePath() });
    try {
      await store.createModel({ name: 'default', uuid: 'u', createdAt: 'now' });
      const unit = {
        name: 'ghost/0',
        application: 'ghost',
        machine: '0',
        life: 'alive' as const,
        agentStatus: { current: 'allocating', message: '' },
        workloadStatus: { current: 'waiting', message: '' },
        workloadVersion: '',
      };
      await assert.rejects(
        store.commit('default', 0, {
          changes: [
            { kind: 'machine', id: '0', machine: { id: '0', life: 'alive' } },
            { kind: 'unit', name: unit.name, unit },
          ],
        }),
        IntegrityError,
      );
      const model = await store.loadModel('default');
      assert.equal(model.record.revision, 0);
      assert.equal(model.state.machines.size, 0);
    } finally {
      await store.close();
    }
  });
});
