/**
 * Reading a model's entity rows back into core's state: each row becomes the change that puts it,
 * and core's transaction replays them, rebuilding the indexes as operations build them.
 */
import { applyChanges, emptyModel } from '@loom/core';
import type {
  CharmMetadata,
  ConfigValue,
  CrossModelLink,
  EndpointRole,
  EndpointScope,
  Life,
  ModelChange,
  ModelState,
  OpenedPort,
  RelationEndpoint,
  RelationStatus,
  RemoteApplication,
} from '@loom/core';
import { decodeApplication, decodeBag, objectToMap } from '@loom/protocol';
import type { Database } from 'better-sqlite3';

interface ModelRow {
  relation_sequence: number;
  machine_sequence: number;
}
interface ApplicationRow {
  name: string;
  charm_url: string;
  charm: string;
  config: string;
  life: Life;
  subordinate: number;
  next_unit_number: number;
  config_version: number;
  status: string;
  status_message: string;
}
interface UnitRow {
  name: string;
  application: string;
  machine: string;
  principal: string | null;
  life: Life;
  agent_status: string;
  agent_message: string;
  workload_status: string;
  workload_message: string;
  workload_version: string;
}
interface RelationRow {
  id: number;
  key: string;
  life: 'alive' | 'dying';
  suspended: number;
  suspended_reason: string;
  status: RelationStatus;
  unit_count: number;
  cross_model: string | null;
}
interface EndpointRow {
  relation_id: number;
  application: string;
  name: string;
  interface: string;
  role: EndpointRole;
  scope: EndpointScope;
  optional: number;
  endpoint_limit: number;
}
interface MembershipRow {
  relation_id: number;
  unit: string;
  scope_key: string;
  role: EndpointRole;
  departing: number;
}
interface BagRow {
  relation_id: number;
  owner_kind: 'application' | 'unit';
  owner: string;
  settings: string;
  version: number;
}
interface PortRow {
  unit: string;
  endpoint: string;
  protocol: OpenedPort['protocol'];
  port_from: number;
  port_to: number;
}

/** Reads model `modelId` (named `name`) from `db`. */
export function readModel(db: Database, modelId: number, name: string): ModelState {
  const rows = <T>(sql: string) => db.prepare(sql).all(modelId) as T[];
  const changes: ModelChange[] = [];
  const [sequences] = rows<ModelRow>(
    'SELECT relation_sequence, machine_sequence FROM models WHERE id = ?',
  );
  if (sequences !== undefined) {
    changes.push({
      kind: 'sequences',
      sequences: { relation: sequences.relation_sequence, machine: sequences.machine_sequence },
    });
  }
  for (const row of rows<{ id: string; life: Life }>(
    'SELECT id, life FROM machines WHERE model_id = ?',
  )) {
    changes.push({ kind: 'machine', id: row.id, machine: { id: row.id, life: row.life } });
  }
  for (const row of rows<ApplicationRow>('SELECT * FROM applications WHERE model_id = ?')) {
    const application = decodeApplication({
      name: row.name,
      charm: JSON.parse(row.charm) as CharmMetadata,
      charmUrl: row.charm_url,
      config: JSON.parse(row.config) as Record<string, ConfigValue>,
      life: row.life,
      subordinate: row.subordinate === 1,
      nextUnitNumber: row.next_unit_number,
      configVersion: row.config_version,
      status: { current: row.status, message: row.status_message },
    });
    changes.push({ kind: 'application', name: row.name, application });
  }
  for (const row of rows<UnitRow>('SELECT * FROM units WHERE model_id = ?')) {
    changes.push({
      kind: 'unit',
      name: row.name,
      unit: {
        name: row.name,
        application: row.application,
        machine: row.machine,
        ...(row.principal === null ? {} : { principal: row.principal }),
        life: row.life,
        agentStatus: { current: row.agent_status, message: row.agent_message },
        workloadStatus: { current: row.workload_status, message: row.workload_message },
        workloadVersion: row.workload_version,
      },
    });
  }
  for (const row of rows<{ name: string; application: string; endpoints: string }>(
    'SELECT name, application, endpoints FROM offers WHERE model_id = ?',
  )) {
    const endpoints = JSON.parse(row.endpoints) as string[];
    changes.push({
      kind: 'offer',
      name: row.name,
      offer: { name: row.name, application: row.application, endpoints },
    });
  }
  for (const row of rows<{ name: string; document: string }>(
    'SELECT name, document FROM remote_applications WHERE model_id = ?',
  )) {
    const application = JSON.parse(row.document) as RemoteApplication;
    changes.push({ kind: 'remote-application', name: row.name, application });
  }
  const endpoints = new Map<number, RelationEndpoint[]>();
  for (const row of rows<EndpointRow>(
    'SELECT * FROM relation_endpoints WHERE model_id = ? ORDER BY relation_id, position',
  )) {
    const list = endpoints.get(row.relation_id) ?? [];
    list.push({
      application: row.application,
      name: row.name,
      interface: row.interface,
      role: row.role,
      scope: row.scope,
      optional: row.optional === 1,
      limit: row.endpoint_limit,
    });
    endpoints.set(row.relation_id, list);
  }
  for (const row of rows<RelationRow>('SELECT * FROM relations WHERE model_id = ?')) {
    changes.push({
      kind: 'relation',
      id: row.id,
      relation: {
        id: row.id,
        key: row.key,
        endpoints: endpoints.get(row.id) ?? [],
        life: row.life,
        suspended: row.suspended === 1,
        suspendedReason: row.suspended_reason,
        status: row.status,
        unitCount: row.unit_count,
        ...(row.cross_model === null
          ? {}
          : { crossModel: JSON.parse(row.cross_model) as CrossModelLink }),
      },
    });
  }
  for (const row of rows<MembershipRow>('SELECT * FROM memberships WHERE model_id = ?')) {
    changes.push({
      kind: 'membership',
      relationId: row.relation_id,
      unit: row.unit,
      membership: {
        relationId: row.relation_id,
        unit: row.unit,
        scopeKey: row.scope_key,
        role: row.role,
        departing: row.departing === 1,
      },
    });
  }
  for (const row of rows<BagRow>('SELECT * FROM bags WHERE model_id = ?')) {
    changes.push({
      kind: 'bag',
      relationId: row.relation_id,
      owner:
        row.owner_kind === 'unit'
          ? { kind: 'unit', unit: row.owner }
          : { kind: 'application', application: row.owner },
      bag: decodeBag({
        values: JSON.parse(row.settings) as Record<string, string>,
        version: row.version,
      }),
    });
  }
  for (const row of rows<{ application: string; unit: string }>(
    'SELECT application, unit FROM leaders WHERE model_id = ?',
  )) {
    changes.push({ kind: 'leader', application: row.application, unit: row.unit });
  }
  for (const row of rows<{ application: string; settings: string; version: number }>(
    'SELECT application, settings, version FROM leader_settings WHERE model_id = ?',
  )) {
    changes.push({
      kind: 'leader-settings',
      application: row.application,
      settings: decodeBag({
        values: JSON.parse(row.settings) as Record<string, string>,
        version: row.version,
      }),
    });
  }
  for (const row of rows<{ unit: string; state: string }>(
    'SELECT unit, state FROM charm_state WHERE model_id = ?',
  )) {
    changes.push({
      kind: 'charm-state',
      unit: row.unit,
      state: objectToMap(JSON.parse(row.state) as Record<string, string>),
    });
  }
  const ports = new Map<string, OpenedPort[]>();
  for (const row of rows<PortRow>(
    'SELECT * FROM opened_ports WHERE model_id = ? ORDER BY unit, position',
  )) {
    const list = ports.get(row.unit) ?? [];
    list.push({
      endpoint: row.endpoint,
      protocol: row.protocol,
      from: row.port_from,
      to: row.port_to,
    });
    ports.set(row.unit, list);
  }
  for (const [unit, list] of ports) changes.push({ kind: 'ports', unit, ports: list });
  return applyChanges(emptyModel(name), changes);
}
