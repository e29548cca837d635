/**
 * The proxy of the demo: on every change of a `website` relation it reads each backend unit's
 * `hostname` and `port`, keeps the list in stored state and shows it in its status. A unit that
 * departs is gone from relation-list in its departed hook, so the list drops it then.
 */
import { ActiveStatus, CharmBase, StoredState, WaitingStatus } from '@loom/ops';
import type { CollectStatusEvent, Framework } from '@loom/ops';

export class ProxyCharm extends CharmBase {
  private readonly stored = new StoredState<{ backends: string[] }>(this, 'stored', {
    backends: [],
  });

  constructor(framework: Framework) {
    super(framework);
    const website = this.on.relation('website');
    framework.observe(website.changed, this.refresh);
    framework.observe(website.departed, this.refresh);
    framework.observe(website.broken, this.refresh);
    framework.observe(this.on.collectUnitStatus, this.onCollectUnitStatus);
  }

  /** The backends are read again from every website relation. */
  private readonly refresh = async (): Promise<void> => {
    const backends: string[] = [];
    for (const relation of await this.model.relations('website')) {
      if (!relation.active) continue;
      for (const unit of relation.units) {
        const bag = relation.data.unit(unit.name);
        const hostname = await bag.get('hostname');
        const port = await bag.get('port');
        if (hostname !== undefined && port !== undefined) backends.push(`${hostname}:${port}`);
      }
    }
    this.stored.data.backends = backends.sort();
  };

  private readonly onCollectUnitStatus = (event: CollectStatusEvent): void => {
    const { backends } = this.stored.data;
    event.addStatus(
      backends.length === 0
        ? new WaitingStatus('no backends yet')
        : new ActiveStatus(`backends: ${backends.join(', ')}`),
    );
  };
}
