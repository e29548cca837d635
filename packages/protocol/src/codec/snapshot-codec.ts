/**
 * A unit's snapshot (R5.7) as JSON: what the controller pushes to the unit's agent on every change
 * it can see. Scope members travel as `[unit, bag version]` pairs and are rebuilt into core's
 * member tree.
 */
import { memberTreeOf } from '@loom/core';
import type { Life, RelationEndpoint, RelationSnapshot, UnitSnapshot } from '@loom/core';

import { mapToObject, objectToMap } from './plain-maps.js';

/** One relation of a snapshot as JSON. */
export interface RelationSnapshotDocument {
  readonly id: number;
  readonly key: string;
  readonly endpoint: RelationEndpoint;
  readonly remoteApplication: string;
  readonly life: 'alive' | 'dying';
  readonly suspended: boolean;
  readonly peer: boolean;
  readonly implicit: boolean;
  readonly inScope: boolean;
  /** Members of the unit's scope with their unit-bag versions, the unit itself included. */
  readonly scopeMembers: readonly (readonly [string, number])[];
  readonly self: string;
  readonly applicationMembers: Readonly<Record<string, number>>;
}

/** A unit snapshot as JSON. */
export interface UnitSnapshotDocument {
  readonly unit: string;
  readonly application: string;
  readonly life: Life;
  readonly applicationLife: Life;
  readonly isLeader: boolean;
  readonly hasLeader: boolean;
  readonly configVersion: number;
  readonly leaderSettingsVersion: number;
  readonly subordinates: readonly string[];
  readonly subordinatesToDestroy: boolean;
  readonly orphaned: boolean;
  readonly relations: readonly RelationSnapshotDocument[];
}

function encodeRelation(relation: RelationSnapshot): RelationSnapshotDocument {
  const scopeMembers: [string, number][] = [];
  relation.scopeMembers.forEachPair((unit, version) => {
    scopeMembers.push([unit, version]);
  });
  return {
    ...relation,
    scopeMembers,
    applicationMembers: mapToObject(relation.applicationMembers),
  };
}

/** A unit snapshot as JSON. */
export function encodeSnapshot(snapshot: UnitSnapshot): UnitSnapshotDocument {
  return { ...snapshot, relations: snapshot.relations.map(encodeRelation) };
}

/** A unit snapshot from JSON. */
export function decodeSnapshot(document: UnitSnapshotDocument): UnitSnapshot {
  return {
    ...document,
    relations: document.relations.map((relation) => ({
      ...relation,
      scopeMembers: memberTreeOf(relation.scopeMembers),
      applicationMembers: objectToMap(relation.applicationMembers),
    })),
  };
}
