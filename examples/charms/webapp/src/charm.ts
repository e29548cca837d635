/**
 * The web application of the demo. Its status says what it waits for: blocked without a
 * database relation, waiting until the database's leader has written the credentials, active
 * once it has them. Each unit tells proxies where it serves (`hostname`, `port` in its `website`
 * bag, through the `http` interface library) and a log forwarder where it logs (`log-directory` in its `logging` bag).
 */
import { HttpProvider } from '@loom/interfaces';
import { ActiveStatus, BlockedStatus, CharmBase, WaitingStatus } from '@loom/ops';
import type { CollectStatusEvent, Framework, Relation, RelationJoinedEvent } from '@loom/ops';

/** Where each unit writes its logs. */
export const LOG_DIRECTORY = '/var/log/webapp';

export class WebappCharm extends CharmBase {
  /** The `http` interface's provider side: hostname and port in each unit's bag. */
  private readonly website = new HttpProvider(this, 'website');

  constructor(framework: Framework) {
    super(framework);
    framework.observe(this.on.configChanged, this.onConfigChanged);
    framework.observe(this.on.relation('website').joined, this.onWebsiteJoined);
    framework.observe(this.on.relation('logging').joined, this.onLoggingJoined);
    framework.observe(this.on.collectUnitStatus, this.onCollectUnitStatus);
  }

  /** A new port is published on every website relation. */
  private readonly onConfigChanged = async (): Promise<void> => {
    await this.publish();
  };

  private readonly onWebsiteJoined = async (event: RelationJoinedEvent): Promise<void> => {
    await this.publish(event.relation);
  };

  private readonly onLoggingJoined = async (event: RelationJoinedEvent): Promise<void> => {
    await event.relation.data.unit(this.unit.name).set('log-directory', LOG_DIRECTORY);
  };

  private readonly onCollectUnitStatus = async (event: CollectStatusEvent): Promise<void> => {
    const database = await this.model.getRelation('database');
    if (database === undefined) {
      event.addStatus(new BlockedStatus('needs a database: integrate with one'));
      return;
    }
    const host = await database.data.app(database.app.name).get('host');
    const port = String((await this.model.config()).int('port') ?? 8080);
    event.addStatus(
      host === undefined
        ? new WaitingStatus(`waiting for ${database.app.name} to send credentials`)
        : new ActiveStatus(`serving on :${port} with ${database.app.name} at ${host}`),
    );
  };

  private async publish(website?: Relation): Promise<void> {
    const port = (await this.model.config()).int('port') ?? 8080;
    await this.website.publish({ port, ...(website === undefined ? {} : { relation: website }) });
  }
}
