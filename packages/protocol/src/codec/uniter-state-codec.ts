/**
 * A unit's uniter state as JSON: what the controller stores for the unit (its state lives on the
 * controller, as in Juju) and what an agent commits with each operation.
 */
import { Map as ImmutableMap } from 'immutable';
import type { RelationState, UniterState } from '@loom/core';
import { z } from 'zod';

import { relationId, unitName } from '../schemas/names.js';
import { decodeHook, encodeHook, hookDocument } from './hook-codec.js';

const versions = z.record(z.string(), z.number().int());

const relationStateDocument = z.strictObject({
  id: relationId,
  endpoint: z.string(),
  remoteApplication: z.string(),
  peer: z.boolean(),
  implicit: z.boolean(),
  created: z.boolean(),
  members: versions,
  applicationMembers: versions,
  changedPending: z.string().nullable(),
});

export const uniterStateDocument = z.strictObject({
  unit: unitName,
  installed: z.boolean(),
  started: z.boolean(),
  stopped: z.boolean(),
  removed: z.boolean(),
  leader: z.boolean(),
  configVersion: z.number().int().nullable(),
  leaderSettingsVersion: z.number().int().nullable(),
  queued: z.enum(['start', 'leader-elected']).nullable(),
  failed: hookDocument.nullable(),
  resolution: z.enum(['retry', 'skip']).nullable(),
  relations: z.array(relationStateDocument),
});

/** A uniter state as JSON: absent values are `null`; relations in id order. */
export type UniterStateDocument = z.infer<typeof uniterStateDocument>;

function encodeRelation(relation: RelationState): z.infer<typeof relationStateDocument> {
  return {
    ...relation,
    members: relation.members.toObject(),
    applicationMembers: relation.applicationMembers.toObject(),
    changedPending: relation.changedPending ?? null,
  };
}

/** A uniter state as JSON. */
export function encodeUniterState(state: UniterState): UniterStateDocument {
  return {
    ...state,
    configVersion: state.configVersion ?? null,
    leaderSettingsVersion: state.leaderSettingsVersion ?? null,
    queued: state.queued ?? null,
    failed: state.failed === undefined ? null : encodeHook(state.failed),
    resolution: state.resolution ?? null,
    relations: [...state.relations.values()].sort((a, b) => a.id - b.id).map(encodeRelation),
  };
}

/** A uniter state from JSON. */
export function decodeUniterState(document: UniterStateDocument): UniterState {
  return {
    ...document,
    configVersion: document.configVersion ?? undefined,
    leaderSettingsVersion: document.leaderSettingsVersion ?? undefined,
    queued: document.queued ?? undefined,
    failed: document.failed === null ? undefined : decodeHook(document.failed),
    resolution: document.resolution ?? undefined,
    relations: ImmutableMap(
      document.relations.map((relation): [number, RelationState] => [
        relation.id,
        {
          ...relation,
          members: ImmutableMap(Object.entries(relation.members)),
          applicationMembers: ImmutableMap(Object.entries(relation.applicationMembers)),
          changedPending: relation.changedPending ?? undefined,
        },
      ]),
    ),
  };
}
