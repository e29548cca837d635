/**
 * The SQLite schema, as numbered migrations. A database records the version it is at in
 * `schema_version`; opening it applies the missing migrations in order, each in a transaction.
 * Never edit a released migration: add the next one.
 *
 * Entities have a table each, with typed columns for what they are looked up and joined by and
 * JSON for the rest (charm metadata, config, bag contents, uniter state). References between
 * entities are foreign keys checked at commit (DEFERRABLE INITIALLY DEFERRED), so a change set
 * may remove a parent before its children as long as the result is consistent.
 */

/** One step of the schema. */
export interface Migration {
  readonly version: number;
  readonly description: string;
  readonly sql: string;
}

const deferred = 'DEFERRABLE INITIALLY DEFERRED';
const model = 'model_id INTEGER NOT NULL REFERENCES models (id) ON DELETE CASCADE';
const life = "life TEXT NOT NULL CHECK (life IN ('alive', 'dying', 'dead'))";
const unitOf = (column: string) =>
  `FOREIGN KEY (model_id, ${column}) REFERENCES units (model_id, name) ${deferred}`;
const applicationOf = (column: string) =>
  `FOREIGN KEY (model_id, ${column}) REFERENCES applications (model_id, name) ${deferred}`;
const relationOf = `FOREIGN KEY (model_id, relation_id) REFERENCES relations (model_id, id) ${deferred}`;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'models and their entities, uniter states, leases, charms, operations, debug log',
    sql: `
      CREATE TABLE models (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL UNIQUE,
        uuid TEXT NOT NULL UNIQUE,
        revision INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        relation_sequence INTEGER NOT NULL DEFAULT 0,
        machine_sequence INTEGER NOT NULL DEFAULT 0
      );
      CREATE TABLE machines (
        ${model},
        id TEXT NOT NULL,
        ${life},
        PRIMARY KEY (model_id, id)
      ) WITHOUT ROWID;
      CREATE TABLE applications (
        ${model},
        name TEXT NOT NULL,
        charm_url TEXT NOT NULL,
        charm TEXT NOT NULL,
        config TEXT NOT NULL,
        ${life},
        subordinate INTEGER NOT NULL,
        next_unit_number INTEGER NOT NULL,
        config_version INTEGER NOT NULL,
        status TEXT NOT NULL,
        status_message TEXT NOT NULL,
        PRIMARY KEY (model_id, name)
      ) WITHOUT ROWID;
      CREATE TABLE units (
        ${model},
        name TEXT NOT NULL,
        application TEXT NOT NULL,
        machine TEXT NOT NULL,
        principal TEXT,
        ${life},
        agent_status TEXT NOT NULL,
        agent_message TEXT NOT NULL,
        workload_status TEXT NOT NULL,
        workload_message TEXT NOT NULL,
        PRIMARY KEY (model_id, name),
        ${applicationOf('application')},
        FOREIGN KEY (model_id, machine) REFERENCES machines (model_id, id) ${deferred},
        ${unitOf('principal')}
      ) WITHOUT ROWID;
      CREATE INDEX units_by_application ON units (model_id, application);
      CREATE TABLE relations (
        ${model},
        id INTEGER NOT NULL,
        key TEXT NOT NULL,
        life TEXT NOT NULL CHECK (life IN ('alive', 'dying')),
        suspended INTEGER NOT NULL,
        suspended_reason TEXT NOT NULL,
        status TEXT NOT NULL,
        unit_count INTEGER NOT NULL,
        PRIMARY KEY (model_id, id)
      ) WITHOUT ROWID;
      CREATE TABLE relation_endpoints (
        ${model},
        relation_id INTEGER NOT NULL,
        position INTEGER NOT NULL,
        application TEXT NOT NULL,
        name TEXT NOT NULL,
        interface TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('provider', 'requirer', 'peer')),
        scope TEXT NOT NULL CHECK (scope IN ('global', 'container')),
        optional INTEGER NOT NULL,
        endpoint_limit INTEGER NOT NULL,
        PRIMARY KEY (model_id, relation_id, position),
        ${relationOf},
        ${applicationOf('application')}
      ) WITHOUT ROWID;
      CREATE TABLE memberships (
        ${model},
        relation_id INTEGER NOT NULL,
        unit TEXT NOT NULL,
        scope_key TEXT NOT NULL,
        role TEXT NOT NULL,
        departing INTEGER NOT NULL,
        PRIMARY KEY (model_id, relation_id, unit),
        ${relationOf},
        ${unitOf('unit')}
      ) WITHOUT ROWID;
      CREATE TABLE bags (
        ${model},
        relation_id INTEGER NOT NULL,
        owner_kind TEXT NOT NULL CHECK (owner_kind IN ('application', 'unit')),
        owner TEXT NOT NULL,
        settings TEXT NOT NULL,
        version INTEGER NOT NULL,
        PRIMARY KEY (model_id, relation_id, owner_kind, owner),
        ${relationOf}
      ) WITHOUT ROWID;
      CREATE TABLE leaders (
        ${model},
        application TEXT NOT NULL,
        unit TEXT NOT NULL,
        PRIMARY KEY (model_id, application),
        ${applicationOf('application')},
        ${unitOf('unit')}
      ) WITHOUT ROWID;
      CREATE TABLE leader_settings (
        ${model},
        application TEXT NOT NULL,
        settings TEXT NOT NULL,
        version INTEGER NOT NULL,
        PRIMARY KEY (model_id, application),
        ${applicationOf('application')}
      ) WITHOUT ROWID;
      CREATE TABLE charm_state (
        ${model},
        unit TEXT NOT NULL,
        state TEXT NOT NULL,
        PRIMARY KEY (model_id, unit),
        ${unitOf('unit')}
      ) WITHOUT ROWID;
      CREATE TABLE opened_ports (
        ${model},
        unit TEXT NOT NULL,
        position INTEGER NOT NULL,
        endpoint TEXT NOT NULL,
        protocol TEXT NOT NULL CHECK (protocol IN ('tcp', 'udp', 'icmp')),
        port_from INTEGER NOT NULL,
        port_to INTEGER NOT NULL,
        PRIMARY KEY (model_id, unit, position),
        ${unitOf('unit')}
      ) WITHOUT ROWID;
      CREATE TABLE uniter_states (
        ${model},
        unit TEXT NOT NULL,
        state TEXT NOT NULL,
        PRIMARY KEY (model_id, unit),
        ${unitOf('unit')}
      ) WITHOUT ROWID;
      CREATE TABLE leases (
        ${model},
        application TEXT NOT NULL,
        holder TEXT NOT NULL,
        expires_at INTEGER NOT NULL,
        PRIMARY KEY (model_id, application)
      ) WITHOUT ROWID;
      CREATE TABLE charms (
        ${model},
        url TEXT NOT NULL,
        archive BLOB NOT NULL,
        PRIMARY KEY (model_id, url)
      ) WITHOUT ROWID;
      CREATE TABLE operations (
        ${model},
        id INTEGER NOT NULL,
        unit TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('exec', 'action')),
        name TEXT NOT NULL,
        params TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'running', 'completed', 'failed', 'cancelled')),
        message TEXT NOT NULL,
        results TEXT NOT NULL,
        enqueued_at TEXT NOT NULL,
        started_at TEXT,
        completed_at TEXT,
        PRIMARY KEY (model_id, id)
      ) WITHOUT ROWID;
      CREATE INDEX operations_by_unit ON operations (model_id, unit, id);
      CREATE TABLE debug_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        ${model},
        time TEXT NOT NULL,
        unit TEXT NOT NULL,
        application TEXT NOT NULL,
        hook TEXT NOT NULL,
        level INTEGER NOT NULL,
        message TEXT NOT NULL
      );
      CREATE INDEX debug_log_by_model ON debug_log (model_id, id);
    `,
  },
  {
    version: 2,
    description: "units' workload versions (application-version-set)",
    sql: `ALTER TABLE units ADD COLUMN workload_version TEXT NOT NULL DEFAULT '';`,
  },
  {
    version: 3,
    description:
      'cross-model relations: offers, remote applications, relation links; remote units and ' +
      'applications appear in relation endpoints and memberships without a local row',
    sql: `
      CREATE TABLE offers (
        ${model},
        name TEXT NOT NULL,
        application TEXT NOT NULL,
        endpoints TEXT NOT NULL,
        PRIMARY KEY (model_id, name),
        ${applicationOf('application')}
      ) WITHOUT ROWID;
      CREATE TABLE remote_applications (
        ${model},
        name TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('saas', 'consumer')),
        document TEXT NOT NULL,
        PRIMARY KEY (model_id, name)
      ) WITHOUT ROWID;
      ALTER TABLE relations ADD COLUMN cross_model TEXT;
      CREATE TABLE relation_endpoints_v3 (
        ${model},
        relation_id INTEGER NOT NULL,
        position INTEGER NOT NULL,
        application TEXT NOT NULL,
        name TEXT NOT NULL,
        interface TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('provider', 'requirer', 'peer')),
        scope TEXT NOT NULL CHECK (scope IN ('global', 'container')),
        optional INTEGER NOT NULL,
        endpoint_limit INTEGER NOT NULL,
        PRIMARY KEY (model_id, relation_id, position),
        ${relationOf}
      ) WITHOUT ROWID;
      INSERT INTO relation_endpoints_v3 SELECT * FROM relation_endpoints;
      DROP TABLE relation_endpoints;
      ALTER TABLE relation_endpoints_v3 RENAME TO relation_endpoints;
      CREATE TABLE memberships_v3 (
        ${model},
        relation_id INTEGER NOT NULL,
        unit TEXT NOT NULL,
        scope_key TEXT NOT NULL,
        role TEXT NOT NULL,
        departing INTEGER NOT NULL,
        PRIMARY KEY (model_id, relation_id, unit),
        ${relationOf}
      ) WITHOUT ROWID;
      INSERT INTO memberships_v3 SELECT * FROM memberships;
      DROP TABLE memberships;
      ALTER TABLE memberships_v3 RENAME TO memberships;
    `,
  },
];

/** The newest schema version this code knows. */
export const SCHEMA_VERSION = MIGRATIONS.reduce(
  (newest, step) => Math.max(newest, step.version),
  0,
);
