/**
 * A whole model to and from its document. Decoding replays the entities through core's
 * transaction, so the indexes are rebuilt exactly as operations build them.
 */
import { applyChanges, compareNames, emptyModel } from '@loom/core';
import type { ModelChange, ModelState } from '@loom/core';

import {
  decodeApplication,
  decodeBag,
  decodeOwner,
  encodeApplication,
  encodeBag,
  encodeOwner,
} from './entity-codec.js';
import type { ModelDocument } from './model-document.js';
import { mapToObject, objectToMap } from './plain-maps.js';

const byName =
  <T>(name: (item: T) => string) =>
  (a: T, b: T) =>
    compareNames(name(a), name(b));
const byNumber =
  <T>(id: (item: T) => number) =>
  (a: T, b: T) =>
    id(a) - id(b);

/**
 * Every entity of a model as JSON, each list in a stable order, so two models hold the same
 * entities exactly when their documents are deeply equal.
 *
 * @example
 * assert.deepEqual(encodeModel(restored), encodeModel(replayed));
 */
export function encodeModel(state: ModelState): ModelDocument {
  const bags: ModelDocument['bags'][number][] = [];
  for (const [relationId, relationBags] of state.bags) {
    for (const [application, bag] of relationBags.applications)
      bags.push({
        relationId,
        owner: encodeOwner({ kind: 'application', application }),
        ...encodeBag(bag),
      });
    for (const [unit, bag] of relationBags.units)
      bags.push({ relationId, owner: encodeOwner({ kind: 'unit', unit }), ...encodeBag(bag) });
  }
  bags.sort(
    (a, b) =>
      a.relationId - b.relationId ||
      compareNames(a.owner.kind, b.owner.kind) ||
      compareNames(a.owner.name, b.owner.name),
  );
  return {
    name: state.name,
    sequences: state.sequences,
    machines: [...state.machines.values()].sort(byNumber((machine) => Number(machine.id))),
    applications: [...state.applications.values()]
      .sort(byName((application) => application.name))
      .map(encodeApplication),
    units: [...state.units.values()].sort(byName((unit) => unit.name)),
    relations: [...state.relations.values()].sort(byNumber((relation) => relation.id)),
    memberships: [...state.memberships.values()]
      .flatMap((members) => [...members.values()])
      .sort((a, b) => a.relationId - b.relationId || compareNames(a.unit, b.unit)),
    bags,
    leaders: [...state.leaders]
      .map(([application, unit]) => ({ application, unit }))
      .sort(byName((leader) => leader.application)),
    leaderSettings: [...state.leaderSettings]
      .map(([application, bag]) => ({ application, ...encodeBag(bag) }))
      .sort(byName((settings) => settings.application)),
    charmState: [...state.charmState]
      .map(([unit, values]) => ({ unit, values: mapToObject(values) }))
      .sort(byName((entry) => entry.unit)),
    openedPorts: [...state.openedPorts]
      .map(([unit, ports]) => ({ unit, ports }))
      .sort(byName((entry) => entry.unit)),
    offers: [...state.offers.values()].sort(byName((offer) => offer.name)),
    remoteApplications: [...state.remoteApplications.values()].sort(
      byName((application) => application.name),
    ),
  };
}

/** The changes that build a model's entities from an empty model. */
export function modelDocumentChanges(document: ModelDocument): ModelChange[] {
  return [
    { kind: 'sequences', sequences: document.sequences },
    ...(document.offers ?? []).map((offer): ModelChange => ({
      kind: 'offer',
      name: offer.name,
      offer,
    })),
    ...(document.remoteApplications ?? []).map((application): ModelChange => ({
      kind: 'remote-application',
      name: application.name,
      application,
    })),
    ...document.machines.map((machine): ModelChange => ({
      kind: 'machine',
      id: machine.id,
      machine,
    })),
    ...document.applications.map((application): ModelChange => ({
      kind: 'application',
      name: application.name,
      application: decodeApplication(application),
    })),
    ...document.units.map((unit): ModelChange => ({ kind: 'unit', name: unit.name, unit })),
    ...document.relations.map((relation): ModelChange => ({
      kind: 'relation',
      id: relation.id,
      relation,
    })),
    ...document.memberships.map((membership): ModelChange => ({
      kind: 'membership',
      relationId: membership.relationId,
      unit: membership.unit,
      membership,
    })),
    ...document.bags.map((bag): ModelChange => ({
      kind: 'bag',
      relationId: bag.relationId,
      owner: decodeOwner(bag.owner),
      bag: decodeBag(bag),
    })),
    ...document.leaders.map((leader): ModelChange => ({ kind: 'leader', ...leader })),
    ...document.leaderSettings.map((settings): ModelChange => ({
      kind: 'leader-settings',
      application: settings.application,
      settings: decodeBag(settings),
    })),
    ...document.charmState.map((entry): ModelChange => ({
      kind: 'charm-state',
      unit: entry.unit,
      state: objectToMap(entry.values),
    })),
    ...document.openedPorts.map((entry): ModelChange => ({ kind: 'ports', ...entry })),
  ];
}

/** A model from its document. */
export function decodeModel(document: ModelDocument): ModelState {
  return applyChanges(emptyModel(document.name), modelDocumentChanges(document));
}
