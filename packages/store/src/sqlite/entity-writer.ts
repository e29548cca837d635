/**
 * Writing core's changes to the entity tables: one upsert or delete per change, with statements
 * prepared once per database.
 */
import type { ModelChange } from '@loom/core';
import { encodeApplication, encodeBag, mapToObject } from '@loom/protocol';
import type { Database, Statement } from 'better-sqlite3';

const json = (value: unknown) => JSON.stringify(value);
const flag = (value: boolean) => (value ? 1 : 0);

/** Applies changes to the rows of one database. */
export class EntityWriter {
  private readonly statements;

  constructor(db: Database) {
    const prepare = (sql: string): Statement => db.prepare(sql);
    this.statements = {
      sequences: prepare(
        'UPDATE models SET relation_sequence = ?, machine_sequence = ? WHERE id = ?',
      ),
      putMachine: prepare(
        `INSERT INTO machines (model_id, id, life) VALUES (?, ?, ?)
         ON CONFLICT (model_id, id) DO UPDATE SET life = excluded.life`,
      ),
      deleteMachine: prepare('DELETE FROM machines WHERE model_id = ? AND id = ?'),
      putApplication: prepare(
        `INSERT OR REPLACE INTO applications (model_id, name, charm_url, charm, config, life,
           subordinate, next_unit_number, config_version, status, status_message)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      deleteApplication: prepare('DELETE FROM applications WHERE model_id = ? AND name = ?'),
      putUnit: prepare(
        `INSERT OR REPLACE INTO units (model_id, name, application, machine, principal, life,
           agent_status, agent_message, workload_status, workload_message, workload_version)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      deleteUnit: prepare('DELETE FROM units WHERE model_id = ? AND name = ?'),
      putRelation: prepare(
        `INSERT OR REPLACE INTO relations (model_id, id, key, life, suspended, suspended_reason,
           status, unit_count, cross_model)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      putEndpoint: prepare(
        `INSERT OR IGNORE INTO relation_endpoints (model_id, relation_id, position, application,
           name, interface, role, scope, optional, endpoint_limit)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      deleteEndpoints: prepare(
        'DELETE FROM relation_endpoints WHERE model_id = ? AND relation_id = ?',
      ),
      deleteRelation: prepare('DELETE FROM relations WHERE model_id = ? AND id = ?'),
      putMembership: prepare(
        `INSERT OR REPLACE INTO memberships (model_id, relation_id, unit, scope_key, role, departing)
         VALUES (?, ?, ?, ?, ?, ?)`,
      ),
      deleteMembership: prepare(
        'DELETE FROM memberships WHERE model_id = ? AND relation_id = ? AND unit = ?',
      ),
      putBag: prepare(
        `INSERT OR REPLACE INTO bags (model_id, relation_id, owner_kind, owner, settings, version)
         VALUES (?, ?, ?, ?, ?, ?)`,
      ),
      deleteBag: prepare(
        `DELETE FROM bags
         WHERE model_id = ? AND relation_id = ? AND owner_kind = ? AND owner = ?`,
      ),
      putLeader: prepare(
        'INSERT OR REPLACE INTO leaders (model_id, application, unit) VALUES (?, ?, ?)',
      ),
      deleteLeader: prepare('DELETE FROM leaders WHERE model_id = ? AND application = ?'),
      putLeaderSettings: prepare(
        `INSERT OR REPLACE INTO leader_settings (model_id, application, settings, version)
         VALUES (?, ?, ?, ?)`,
      ),
      deleteLeaderSettings: prepare(
        'DELETE FROM leader_settings WHERE model_id = ? AND application = ?',
      ),
      putCharmState: prepare(
        'INSERT OR REPLACE INTO charm_state (model_id, unit, state) VALUES (?, ?, ?)',
      ),
      deleteCharmState: prepare('DELETE FROM charm_state WHERE model_id = ? AND unit = ?'),
      putPort: prepare(
        `INSERT INTO opened_ports (model_id, unit, position, endpoint, protocol, port_from, port_to)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      deletePorts: prepare('DELETE FROM opened_ports WHERE model_id = ? AND unit = ?'),
      putOffer: prepare(
        `INSERT OR REPLACE INTO offers (model_id, name, application, endpoints)
         VALUES (?, ?, ?, ?)`,
      ),
      deleteOffer: prepare('DELETE FROM offers WHERE model_id = ? AND name = ?'),
      putRemoteApplication: prepare(
        `INSERT OR REPLACE INTO remote_applications (model_id, name, kind, document)
         VALUES (?, ?, ?, ?)`,
      ),
      deleteRemoteApplication: prepare(
        'DELETE FROM remote_applications WHERE model_id = ? AND name = ?',
      ),
    };
  }

  /** Writes one change of model `modelId`. */
  write(modelId: number, change: ModelChange): void {
    const statements = this.statements;
    switch (change.kind) {
      case 'sequences':
        statements.sequences.run(change.sequences.relation, change.sequences.machine, modelId);
        return;
      case 'machine':
        if (change.machine === undefined) statements.deleteMachine.run(modelId, change.id);
        else statements.putMachine.run(modelId, change.id, change.machine.life);
        return;
      case 'application': {
        const application = change.application;
        if (application === undefined) {
          statements.deleteApplication.run(modelId, change.name);
          return;
        }
        const document = encodeApplication(application);
        statements.putApplication.run(
          modelId,
          document.name,
          document.charmUrl,
          json(document.charm),
          json(document.config),
          document.life,
          flag(document.subordinate),
          document.nextUnitNumber,
          document.configVersion,
          document.status.current,
          document.status.message,
        );
        return;
      }
      case 'unit': {
        const unit = change.unit;
        if (unit === undefined) {
          statements.deleteUnit.run(modelId, change.name);
          return;
        }
        statements.putUnit.run(
          modelId,
          unit.name,
          unit.application,
          unit.machine,
          unit.principal ?? null,
          unit.life,
          unit.agentStatus.current,
          unit.agentStatus.message,
          unit.workloadStatus.current,
          unit.workloadStatus.message,
          unit.workloadVersion,
        );
        return;
      }
      case 'relation': {
        const relation = change.relation;
        if (relation === undefined) {
          statements.deleteEndpoints.run(modelId, change.id);
          statements.deleteRelation.run(modelId, change.id);
          return;
        }
        statements.putRelation.run(
          modelId,
          relation.id,
          relation.key,
          relation.life,
          flag(relation.suspended),
          relation.suspendedReason,
          relation.status,
          relation.unitCount,
          relation.crossModel === undefined ? null : json(relation.crossModel),
        );
        relation.endpoints.forEach((endpoint, position) => {
          statements.putEndpoint.run(
            modelId,
            relation.id,
            position,
            endpoint.application,
            endpoint.name,
            endpoint.interface,
            endpoint.role,
            endpoint.scope,
            flag(endpoint.optional),
            endpoint.limit,
          );
        });
        return;
      }
      case 'membership': {
        const membership = change.membership;
        if (membership === undefined) {
          statements.deleteMembership.run(modelId, change.relationId, change.unit);
          return;
        }
        statements.putMembership.run(
          modelId,
          membership.relationId,
          membership.unit,
          membership.scopeKey,
          membership.role,
          flag(membership.departing),
        );
        return;
      }
      case 'bag': {
        const [kind, owner] =
          change.owner.kind === 'unit'
            ? ['unit', change.owner.unit]
            : ['application', change.owner.application];
        if (change.bag === undefined) {
          statements.deleteBag.run(modelId, change.relationId, kind, owner);
          return;
        }
        const bag = encodeBag(change.bag);
        statements.putBag.run(
          modelId,
          change.relationId,
          kind,
          owner,
          json(bag.values),
          bag.version,
        );
        return;
      }
      case 'leader':
        if (change.unit === undefined) statements.deleteLeader.run(modelId, change.application);
        else statements.putLeader.run(modelId, change.application, change.unit);
        return;
      case 'leader-settings': {
        if (change.settings === undefined) {
          statements.deleteLeaderSettings.run(modelId, change.application);
          return;
        }
        const bag = encodeBag(change.settings);
        statements.putLeaderSettings.run(
          modelId,
          change.application,
          json(bag.values),
          bag.version,
        );
        return;
      }
      case 'charm-state':
        if (change.state === undefined) statements.deleteCharmState.run(modelId, change.unit);
        else statements.putCharmState.run(modelId, change.unit, json(mapToObject(change.state)));
        return;
      case 'offer':
        if (change.offer === undefined) statements.deleteOffer.run(modelId, change.name);
        else
          statements.putOffer.run(
            modelId,
            change.name,
            change.offer.application,
            json(change.offer.endpoints),
          );
        return;
      case 'remote-application':
        if (change.application === undefined)
          statements.deleteRemoteApplication.run(modelId, change.name);
        else
          statements.putRemoteApplication.run(
            modelId,
            change.name,
            change.application.kind,
            json(change.application),
          );
        return;
      case 'ports':
        statements.deletePorts.run(modelId, change.unit);
        (change.ports ?? []).forEach((port, position) => {
          statements.putPort.run(
            modelId,
            change.unit,
            position,
            port.endpoint,
            port.protocol,
            port.from,
            port.to,
          );
        });
        return;
    }
  }
}
