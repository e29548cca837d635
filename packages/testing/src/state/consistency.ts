/**
 * Refusing states and events that cannot happen, before anything runs, with what is wrong and
 * how to fix it: options and endpoints the charm does not declare, a relation of the wrong kind
 * for its endpoint, unit numbers that leave gaps, an event about a relation or unit the state does
 * not have, an action the charm does not declare.
 */
import type { CharmMetadata } from '@loom/core';

import type { StateEvent } from './events.js';
import type { AnyRelation, PeerRelation, State } from './state.js';

/** The state or event cannot happen; the message says what to change. */
export class InconsistentStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

function refuse(message: string): never {
  throw new InconsistentStateError(message);
}

/** Unit numbers must run from `first` without gaps: units are numbered in order. */
function checkNumbers(where: string, numbers: readonly number[], first: number): void {
  const sorted = [...numbers].sort((a, b) => a - b);
  sorted.forEach((number, index) => {
    if (number !== first + index)
      refuse(
        `${where}: units are numbered in order from ${first}, so ${sorted.join(', ')} leaves a gap; use ${sorted.map((_, at) => first + at).join(', ')}`,
      );
  });
}

/**
 * @throws InconsistentStateError naming the first problem found.
 */
export function checkConsistency(metadata: CharmMetadata, state: State, event: StateEvent): void {
  const options = metadata.config.map((option) => option.name);
  for (const key of Object.keys(state.config)) {
    if (!options.includes(key))
      refuse(
        `config "${key}" is not an option of ${metadata.name}; its options: ${options.join(', ') || 'none'}`,
      );
  }
  const remoteNames = new Set<string>();
  const peers = new Set<string>();
  for (const relation of state.relations) {
    const endpoint = metadata.endpoints.find((candidate) => candidate.name === relation.endpoint);
    if (endpoint === undefined)
      refuse(
        `relation "${relation.endpoint}": ${metadata.name} declares no such endpoint; it declares: ${metadata.endpoints.map((candidate) => candidate.name).join(', ') || 'none'}`,
      );
    if (endpoint.role === 'peer' && relation.kind !== 'peer')
      refuse(`"${relation.endpoint}" is a peer endpoint: describe it with peerRelation()`);
    if (endpoint.role !== 'peer' && relation.kind === 'peer')
      refuse(`"${relation.endpoint}" is not a peer endpoint: describe it with relation()`);
    if (endpoint.scope === 'container' && relation.kind !== 'subordinate')
      refuse(`"${relation.endpoint}" is container-scoped: describe it with subordinateRelation()`);
    if (endpoint.scope !== 'container' && relation.kind === 'subordinate')
      refuse(`"${relation.endpoint}" is not container-scoped: describe it with relation()`);
    if (relation.kind === 'peer') {
      if (peers.has(relation.endpoint))
        refuse(`peer relation "${relation.endpoint}" is given twice; give it once`);
      peers.add(relation.endpoint);
      if (0 in relation.peersData)
        refuse(
          `peer relation "${relation.endpoint}": unit 0 is the unit under test; give its bag as localUnitData`,
        );
      checkNumbers(
        `peer relation "${relation.endpoint}" peersData`,
        Object.keys(relation.peersData).map(Number),
        1,
      );
    } else {
      if (relation.remoteAppName === metadata.name || remoteNames.has(relation.remoteAppName))
        refuse(
          `relation "${relation.endpoint}": remote application "${relation.remoteAppName}" is taken; give each relation its own remoteAppName`,
        );
      remoteNames.add(relation.remoteAppName);
      if (relation.kind === 'regular')
        checkNumbers(
          `relation "${relation.endpoint}" remoteUnitsData`,
          Object.keys(relation.remoteUnitsData).map(Number),
          0,
        );
    }
  }
  const principals = state.relations.filter((relation) => relation.kind === 'subordinate');
  if (metadata.subordinate && principals.length !== 1)
    refuse(
      `${metadata.name} is a subordinate: its unit exists beside one principal; give exactly one subordinateRelation() (${principals.length} given)`,
    );
  if (
    metadata.subordinate &&
    state.relations.some(
      (relation) => relation.kind === 'peer' && Object.keys(relation.peersData).length > 0,
    )
  )
    refuse(
      `${metadata.name} is a subordinate: its peers come with more principals; test them with TestModel`,
    );
  if (state.secrets.length > 0)
    refuse('Loom does not model secrets yet: leave state.secrets empty');
  const peerCounts = new Set(
    state.relations
      .filter((relation): relation is PeerRelation => relation.kind === 'peer')
      .map((relation) => Object.keys(relation.peersData).length),
  );
  if (peerCounts.size > 1)
    refuse(
      'the peer relations list different numbers of peers; every peer relation sees all the units of the application',
    );
  checkEvent(metadata, state, event);
}

function checkEvent(metadata: CharmMetadata, state: State, event: StateEvent): void {
  if (event.kind === 'action') {
    if (!metadata.actions.some((action) => action.name === event.name))
      refuse(
        `action "${event.name}" is not declared by ${metadata.name}; it declares: ${metadata.actions.map((action) => action.name).join(', ') || 'none'}`,
      );
    return;
  }
  if (event.kind !== 'relation') return;
  if (!state.relations.includes(event.relation))
    refuse(
      `the ${event.hook} event's relation "${event.relation.endpoint}" is not in the state: pass one of state.relations`,
    );
  const units = unitNumbers(event.relation);
  const needsUnit = event.hook === 'relation-joined' || event.hook === 'relation-departed';
  if (needsUnit && event.remoteUnit === undefined && units.length !== 1)
    refuse(
      `${event.hook} needs the remote unit: give remoteUnit (one of ${units.join(', ') || 'none'})`,
    );
  for (const [what, number] of [
    ['remoteUnit', event.remoteUnit],
    ['departingUnit', event.departingUnit],
  ] as const) {
    if (number !== undefined && !units.includes(number))
      refuse(
        `${what} ${number} is not a unit of relation "${event.relation.endpoint}"; its units: ${units.join(', ') || 'none'}`,
      );
  }
}

/** The remote (or peer) unit numbers of a relation. */
export function unitNumbers(relation: AnyRelation): number[] {
  if (relation.kind === 'subordinate') return [0];
  const bags = relation.kind === 'peer' ? relation.peersData : relation.remoteUnitsData;
  return Object.keys(bags)
    .map(Number)
    .sort((a, b) => a - b);
}
