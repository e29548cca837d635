/**
 * Change sets as JSON: what the controller pushes to `status --watch` watchers and what a store
 * writes. A present entity means "now this"; an absent one means "removed", as in core.
 */
import type {
  ModelChange,
  ModelSequences,
  OpenedPort,
  Machine,
  Unit,
  Relation,
  Membership,
  Offer,
  RemoteApplication,
} from '@loom/core';

import {
  decodeApplication,
  decodeBag,
  decodeOwner,
  encodeApplication,
  encodeBag,
  encodeOwner,
} from './entity-codec.js';
import type { ApplicationDocument, BagDocument } from './model-document.js';
import { mapToObject, objectToMap } from './plain-maps.js';

type BagValues = Pick<BagDocument, 'values' | 'version'>;

/** One change as JSON. */
export type ChangeDocument =
  | { readonly kind: 'sequences'; readonly sequences: ModelSequences }
  | { readonly kind: 'machine'; readonly id: string; readonly machine?: Machine }
  | {
      readonly kind: 'application';
      readonly name: string;
      readonly application?: ApplicationDocument;
    }
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
      readonly owner: BagDocument['owner'];
      readonly bag?: BagValues;
    }
  | { readonly kind: 'leader'; readonly application: string; readonly unit?: string }
  | {
      readonly kind: 'leader-settings';
      readonly application: string;
      readonly settings?: BagValues;
    }
  | {
      readonly kind: 'charm-state';
      readonly unit: string;
      readonly state?: Readonly<Record<string, string>>;
    }
  | { readonly kind: 'ports'; readonly unit: string; readonly ports?: readonly OpenedPort[] }
  | { readonly kind: 'offer'; readonly name: string; readonly offer?: Offer }
  | {
      readonly kind: 'remote-application';
      readonly name: string;
      readonly application?: RemoteApplication;
    };

/** A core change as JSON. */
export function encodeChange(change: ModelChange): ChangeDocument {
  switch (change.kind) {
    case 'application': {
      const { application, ...rest } = change;
      return application === undefined
        ? rest
        : { ...rest, application: encodeApplication(application) };
    }
    case 'bag': {
      const { bag, owner, ...rest } = change;
      const base = { ...rest, owner: encodeOwner(owner) };
      return bag === undefined ? base : { ...base, bag: encodeBag(bag) };
    }
    case 'leader-settings': {
      const { settings, ...rest } = change;
      return settings === undefined ? rest : { ...rest, settings: encodeBag(settings) };
    }
    case 'charm-state': {
      const { state, ...rest } = change;
      return state === undefined ? rest : { ...rest, state: mapToObject(state) };
    }
    default:
      return change;
  }
}

/** A change from JSON. */
export function decodeChange(document: ChangeDocument): ModelChange {
  switch (document.kind) {
    case 'application': {
      const { application, ...rest } = document;
      return application === undefined
        ? rest
        : { ...rest, application: decodeApplication(application) };
    }
    case 'bag': {
      const { bag, owner, ...rest } = document;
      const base = { ...rest, owner: decodeOwner(owner) };
      return bag === undefined ? base : { ...base, bag: decodeBag(bag) };
    }
    case 'leader-settings': {
      const { settings, ...rest } = document;
      return settings === undefined ? rest : { ...rest, settings: decodeBag(settings) };
    }
    case 'charm-state': {
      const { state, ...rest } = document;
      return state === undefined ? rest : { ...rest, state: objectToMap(state) };
    }
    default:
      return document;
  }
}
