/**
 * The provider side of the seed's SpecialCharm pair. The leader publishes `leader-uuid` in the
 * application bag of every `special` relation; each unit publishes its `special-field`; each
 * requirer unit answers with a `token`, which this unit records and shows in its status.
 */
import { randomUUID } from 'node:crypto';

import { ActiveStatus, CharmBase, StoredState, WaitingStatus } from '@loom/ops';
import type {
  CollectStatusEvent,
  Framework,
  RelationChangedEvent,
  RelationCreatedEvent,
  RelationJoinedEvent,
} from '@loom/ops';

export class SpecialProviderCharm extends CharmBase {
  /** The uuid this unit publishes while it leads, and the tokens each requirer unit sent. */
  private readonly stored = new StoredState<{
    leaderUuid: string;
    tokens: Record<string, string>;
  }>(this, 'stored', { leaderUuid: '', tokens: {} });

  constructor(framework: Framework) {
    super(framework);
    const special = this.on.relation('special');
    framework.observe(this.on.leaderElected, this.onLeaderElected);
    framework.observe(special.created, this.onSpecialCreated);
    framework.observe(special.joined, this.onSpecialJoined);
    framework.observe(special.changed, this.onSpecialChanged);
    framework.observe(this.on.collectUnitStatus, this.onCollectUnitStatus);
  }

  /** A new leader publishes its own uuid on every relation. */
  private readonly onLeaderElected = async (): Promise<void> => {
    this.stored.data.leaderUuid = randomUUID();
    for (const relation of await this.model.relations('special'))
      await relation.data.app(this.app.name).set('leader-uuid', this.stored.data.leaderUuid);
  };

  /** The leader publishes its uuid on a new relation, before any unit has joined. */
  private readonly onSpecialCreated = async (event: RelationCreatedEvent): Promise<void> => {
    if (!(await this.unit.isLeader())) return;
    if (this.stored.data.leaderUuid === '') this.stored.data.leaderUuid = randomUUID();
    await event.relation.data.app(this.app.name).set('leader-uuid', this.stored.data.leaderUuid);
  };

  /** Each unit tells the requirer what is special about it. */
  private readonly onSpecialJoined = async (event: RelationJoinedEvent): Promise<void> => {
    await event.relation.data
      .unit(this.unit.name)
      .set('special-field', `${this.unit.name} is special`);
  };

  /** A requirer unit answered: keep its token. */
  private readonly onSpecialChanged = async (event: RelationChangedEvent): Promise<void> => {
    if (event.unit === undefined) return;
    const token = await event.relation.data.unit(event.unit.name).get('token');
    if (token !== undefined) this.stored.data.tokens[event.unit.name] = token;
  };

  private readonly onCollectUnitStatus = (event: CollectStatusEvent): void => {
    const count = Object.keys(this.stored.data.tokens).length;
    event.addStatus(
      count === 0
        ? new WaitingStatus('no token yet')
        : new ActiveStatus(`tokens from ${count} unit${count === 1 ? '' : 's'}`),
    );
  };
}
