/**
 * The requirer side of the seed's SpecialCharm pair. Once a provider unit's `special-field` and
 * its application's `leader-uuid` are both there, this unit answers with a `token` derived from
 * them (the first 16 hex digits of sha256 of `leader-uuid:special-field`).
 */
import { createHash } from 'node:crypto';

import { ActiveStatus, CharmBase, WaitingStatus } from '@loom/ops';
import type { Framework, RelationChangedEvent } from '@loom/ops';

/** The token a requirer unit sends for a provider's uuid and unit field. */
export function tokenFor(leaderUuid: string, specialField: string): string {
  return createHash('sha256').update(`${leaderUuid}:${specialField}`).digest('hex').slice(0, 16);
}

export class SpecialRequirerCharm extends CharmBase {
  constructor(framework: Framework) {
    super(framework);
    framework.observe(this.on.install, this.onInstall);
    framework.observe(this.on.relation('special').changed, this.onSpecialChanged);
  }

  private readonly onInstall = async (): Promise<void> => {
    await this.unit.setStatus(new WaitingStatus('waiting for a special provider'));
  };

  private readonly onSpecialChanged = async (event: RelationChangedEvent): Promise<void> => {
    const { relation } = event;
    const leaderUuid = await relation.data.app(relation.app.name).get('leader-uuid');
    const provider = event.unit ?? relation.units[0];
    const specialField =
      provider === undefined
        ? undefined
        : await relation.data.unit(provider.name).get('special-field');
    if (leaderUuid === undefined || specialField === undefined) {
      await this.unit.setStatus(new WaitingStatus('waiting for leader-uuid and special-field'));
      return;
    }
    await relation.data.unit(this.unit.name).set('token', tokenFor(leaderUuid, specialField));
    await this.unit.setStatus(new ActiveStatus(`token sent to ${relation.app.name}`));
  };
}
