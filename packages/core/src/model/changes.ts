/**
 * Change sets: what an operation did, entity by entity. A present value means "now this"; an
 * absent one means "removed". The controller writes a change set in one store transaction and
 * wakes the watchers it concerns.
 */
import type {
  Application,
  Bag,
  BagOwner,
  Machine,
  Membership,
  Offer,
  OpenedPort,
  Relation,
  RemoteApplication,
  Unit,
} from './entities.js';

/** The model's own counters (R2.19: the relation id sequence; machine numbers). */
export interface ModelSequences {
  /** The id the next relation gets; ids start at 0 and are never reused. */
  readonly relation: number;
  /** The number the next machine gets. */
  readonly machine: number;
}

/** One entity written or removed by an operation. */
export type ModelChange =
  | { readonly kind: 'sequences'; readonly sequences: ModelSequences }
  | { readonly kind: 'machine'; readonly id: string; readonly machine?: Machine }
  | { readonly kind: 'application'; readonly name: string; readonly application?: Application }
  | { readonly kind: 'unit'; readonly name: string; readonly unit?: Unit }
  | { readonly kind: 'relation'; readonly id: number; readonly relation?: Relation }
  | {
      readonly kind: 'membership';
      readonly relationId: number;
      readonly unit: string;
      readonly membership?: Membership;
    }
  | {
      readonly kind: 'bag';
      readonly relationId: number;
      readonly owner: BagOwner;
      readonly bag?: Bag;
    }
  | { readonly kind: 'leader'; readonly application: string; readonly unit?: string }
  | { readonly kind: 'leader-settings'; readonly application: string; readonly settings?: Bag }
  | {
      readonly kind: 'charm-state';
      readonly unit: string;
      readonly state?: ReadonlyMap<string, string>;
    }
  | { readonly kind: 'ports'; readonly unit: string; readonly ports?: readonly OpenedPort[] }
  | { readonly kind: 'offer'; readonly name: string; readonly offer?: Offer }
  | {
      readonly kind: 'remote-application';
      readonly name: string;
      readonly application?: RemoteApplication;
    };

/** A key identifying the entity a change is about, so later changes replace earlier ones. */
export function changeIdentity(change: ModelChange): string {
  switch (change.kind) {
    case 'sequences':
      return 'sequences';
    case 'machine':
      return `machine/${change.id}`;
    case 'application':
      return `application/${change.name}`;
    case 'unit':
      return `unit/${change.name}`;
    case 'relation':
      return `relation/${change.id}`;
    case 'membership':
      return `membership/${change.relationId}/${change.unit}`;
    case 'bag':
      return change.owner.kind === 'unit'
        ? `bag/${change.relationId}/unit/${change.owner.unit}`
        : `bag/${change.relationId}/application/${change.owner.application}`;
    case 'leader':
      return `leader/${change.application}`;
    case 'leader-settings':
      return `leader-settings/${change.application}`;
    case 'charm-state':
      return `charm-state/${change.unit}`;
    case 'ports':
      return `ports/${change.unit}`;
    case 'offer':
      return `offer/${change.name}`;
    case 'remote-application':
      return `remote-application/${change.name}`;
  }
}
