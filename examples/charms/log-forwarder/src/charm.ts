/**
 * The log forwarder of the demo, a subordinate: it reads its principal unit's `log-directory` on
 * `logging` and the principal's address on `juju-info`, keeps both in stored state and shows
 * what it forwards from where.
 */
import { ActiveStatus, CharmBase, StoredState, WaitingStatus } from '@loom/ops';
import type { CollectStatusEvent, Framework, RelationChangedEvent } from '@loom/ops';

export class LogForwarderCharm extends CharmBase {
  private readonly stored = new StoredState(this, 'stored', { directory: '', source: '' });

  constructor(framework: Framework) {
    super(framework);
    framework.observe(this.on.relation('logging').changed, this.onLoggingChanged);
    framework.observe(this.on.relation('juju-info').changed, this.onJujuInfoChanged);
    framework.observe(this.on.collectUnitStatus, this.onCollectUnitStatus);
  }

  private readonly onLoggingChanged = async (event: RelationChangedEvent): Promise<void> => {
    if (event.unit === undefined) return;
    this.stored.data.directory =
      (await event.relation.data.unit(event.unit.name).get('log-directory')) ?? '';
  };

  private readonly onJujuInfoChanged = async (event: RelationChangedEvent): Promise<void> => {
    if (event.unit === undefined) return;
    this.stored.data.source =
      (await event.relation.data.unit(event.unit.name).get('private-address')) ?? '';
  };

  private readonly onCollectUnitStatus = (event: CollectStatusEvent): void => {
    const { directory, source } = this.stored.data;
    event.addStatus(
      directory === '' || source === ''
        ? new WaitingStatus('waiting for the log directory and the principal address')
        : new ActiveStatus(`forwarding ${directory} from ${source}`),
    );
  };
}
