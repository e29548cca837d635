/**
 * The seed's peer example: the leader publishes its address as `leader-ip` in the `replicas`
 * application bag; every unit, the leader included, sees the change and keeps the address in
 * stored state, which this charm has the controller keep (state-get / state-set).
 */
import { ActiveStatus, CharmBase, MaintenanceStatus, StoredState } from '@loom/ops';
import type { Framework, RelationChangedEvent } from '@loom/ops';

export class DatabaseCharm extends CharmBase {
  private readonly stored = new StoredState(this, 'stored', { leaderIp: '' });

  constructor(framework: Framework) {
    super(framework);
    framework.observe(this.on.install, this.onInstall);
    framework.observe(this.on.leaderElected, this.onLeaderElected);
    framework.observe(this.on.relation('replicas').changed, this.onReplicasChanged);
  }

  private readonly onInstall = async (): Promise<void> => {
    await this.unit.setStatus(new MaintenanceStatus('waiting for the leader'));
  };

  /** The leader publishes where it is. */
  private readonly onLeaderElected = async (): Promise<void> => {
    const replicas = await this.model.getRelation('replicas');
    const address = (await this.model.network('replicas')).ingressAddress;
    if (replicas === undefined || address === undefined) return;
    await replicas.data.app(this.app.name).set('leader-ip', address);
  };

  /** Every unit keeps the leader's address once it is published. */
  private readonly onReplicasChanged = async (event: RelationChangedEvent): Promise<void> => {
    const leaderIp = await event.relation.data.app(this.app.name).get('leader-ip');
    if (leaderIp === undefined || leaderIp === this.stored.data.leaderIp) return;
    this.stored.data.leaderIp = leaderIp;
    await this.unit.setStatus(new ActiveStatus(`leader at ${leaderIp}`));
  };
}
