/**
 * The proxy of the demo: on every change of a `website` relation it reads each backend unit's
 * `hostname` and `port` (the `http` interface library checks them), keeps the list in stored state and shows it in its status. A unit that
 * departs is gone from relation-list in its departed hook, so the list drops it then.
 */
import { HttpRequirer } from '@loom/interfaces';
import { ActiveStatus, CharmBase, StoredState, WaitingStatus } from '@loom/ops';
import type { CollectStatusEvent, Framework } from '@loom/ops';

export class ProxyCharm extends CharmBase {
  private readonly stored = new StoredState<{ backends: string[] }>(this, 'stored', {
    backends: [],
  });

  /** The `http` interface's requirer side: every valid backend; invalid ones reported once. */
  private readonly websites = new HttpRequirer(this, 'website');

  constructor(framework: Framework) {
    super(framework);
    const website = this.on.relation('website');
    framework.observe(website.changed, this.refresh);
    framework.observe(website.departed, this.refresh);
    framework.observe(website.broken, this.refresh);
    framework.observe(this.on.collectUnitStatus, this.onCollectUnitStatus);
  }

  /** The backends are read again from every website relation, through the `http` library. */
  private readonly refresh = async (): Promise<void> => {
    const websites = await this.websites.websites();
    this.stored.data.backends = websites.map(({ hostname, port }) => `${hostname}:${port}`).sort();
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
