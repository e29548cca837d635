/**
 * The database of the demo, and the seed's peer example. The leader publishes its address as
 * `leader-ip` in the `replicas` application bag; every unit keeps the leader's address in stored
 * state (which this charm has the controller keep). For each application related on `database`,
 * the leader writes the credentials to that relation's application bag. Passwords are kept in
 * the peer application bag, so a new leader publishes the same ones with its own host.
 */
import { randomBytes } from 'node:crypto';

import { ActiveStatus, CharmBase, MaintenanceStatus, StoredState } from '@loom/ops';
import type { Framework, Relation, RelationChangedEvent, RelationEvent } from '@loom/ops';

/** The port clients connect to. */
export const DATABASE_PORT = '5432';

export class DatabaseCharm extends CharmBase {
  private readonly stored = new StoredState(this, 'stored', { leaderIp: '' });

  constructor(framework: Framework) {
    super(framework);
    const database = this.on.relation('database');
    framework.observe(this.on.install, this.onInstall);
    framework.observe(this.on.leaderElected, this.onLeaderElected);
    framework.observe(this.on.relation('replicas').changed, this.onReplicasChanged);
    framework.observe(database.created, this.onDatabaseRelated);
    framework.observe(database.joined, this.onDatabaseRelated);
  }

  private readonly onInstall = async (): Promise<void> => {
    await this.unit.setStatus(new MaintenanceStatus('waiting for the leader'));
  };

  /** The leader publishes where it is, to its peers and to every client. */
  private readonly onLeaderElected = async (): Promise<void> => {
    const replicas = await this.model.getRelation('replicas');
    const address = (await this.model.network('replicas')).ingressAddress;
    if (replicas === undefined || address === undefined) return;
    await replicas.data.app(this.app.name).set('leader-ip', address);
    for (const client of await this.model.relations('database')) await this.publish(client);
  };

  /** Every unit keeps the leader's address once it is published. */
  private readonly onReplicasChanged = async (event: RelationChangedEvent): Promise<void> => {
    const leaderIp = await event.relation.data.app(this.app.name).get('leader-ip');
    if (leaderIp === undefined || leaderIp === this.stored.data.leaderIp) return;
    this.stored.data.leaderIp = leaderIp;
    await this.unit.setStatus(new ActiveStatus(`leader at ${leaderIp}`));
  };

  /** A client application related, or a unit of it joined: the leader makes sure it has credentials. */
  private readonly onDatabaseRelated = async (event: RelationEvent): Promise<void> => {
    if (await this.unit.isLeader()) await this.publish(event.relation);
  };

  /** Writes the client's credentials, its password made once and kept in the peer bag. */
  private async publish(client: Relation): Promise<void> {
    const replicas = await this.model.getRelation('replicas');
    if (replicas === undefined) return;
    const user = client.app.name;
    const peers = replicas.data.app(this.app.name);
    let password = await peers.get(`password-${user}`);
    if (password === undefined) {
      password = randomBytes(12).toString('hex');
      await peers.set(`password-${user}`, password);
    }
    const host = (await this.model.network(client)).ingressAddress ?? '';
    await client.data.app(this.app.name).update({
      host,
      port: DATABASE_PORT,
      database: user,
      user,
      password,
    });
  }
}
