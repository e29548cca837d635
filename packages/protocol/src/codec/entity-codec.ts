/**
 * Entities to and from their documents: the pieces of a model that hold maps (applications,
 * bags, leader settings, charm state). The other entities are plain data already.
 */
import type { Application, Bag, BagOwner } from '@loom/core';

import type { ApplicationDocument, BagDocument } from './model-document.js';
import { mapToObject, objectToMap } from './plain-maps.js';

/** An application as a document. */
export function encodeApplication(application: Application): ApplicationDocument {
  return { ...application, config: mapToObject(application.config) };
}

/** An application from its document. */
export function decodeApplication(document: ApplicationDocument): Application {
  return { ...document, config: objectToMap(document.config) };
}

/** A bag's owner as `{kind, name}`. */
export function encodeOwner(owner: BagOwner): BagDocument['owner'] {
  return owner.kind === 'unit'
    ? { kind: 'unit', name: owner.unit }
    : { kind: 'application', name: owner.application };
}

/** A bag's owner from `{kind, name}`. */
export function decodeOwner(owner: BagDocument['owner']): BagOwner {
  return owner.kind === 'unit'
    ? { kind: 'unit', unit: owner.name }
    : { kind: 'application', application: owner.name };
}

/** A bag's values and version as a document. */
export function encodeBag(bag: Bag): { values: Record<string, string>; version: number } {
  return { values: mapToObject(bag.values), version: bag.version };
}

/** A bag from its values and version. */
export function decodeBag(document: {
  readonly values: Readonly<Record<string, string>>;
  readonly version: number;
}): Bag {
  return { values: objectToMap(document.values), version: document.version };
}
