/**
 * What crosses a model boundary (R8.5): from one half of a cross-model relation, its own
 * application's units in scope with their whole bags, its application bag, its life and, from
 * the offering side, the suspended flag. Nothing else: no config, status or leader settings.
 */
import type { ModelState } from '../model/model-state.js';
import { applicationBag, unitBag } from '../model/queries.js';
import { unitNumber } from './remote-units.js';

/** One half of a cross-model relation as the other half learns it. */
export interface RelationCrossing {
  /** Unit number → its whole unit bag, for every local unit in scope and not departing. */
  readonly units: ReadonlyMap<number, ReadonlyMap<string, string>>;
  /** The local application's whole application bag. */
  readonly applicationBag: ReadonlyMap<string, string>;
  readonly life: 'alive' | 'dying';
  /** Sent by the offering side only: suspension is decided there (R8.7). */
  readonly suspension?: { readonly suspended: boolean; readonly reason: string };
}

/**
 * What relation `relationId` of `state` sends to its other half, or undefined when it is not a
 * cross-model relation (or no longer exists).
 */
export function relationCrossing(
  state: ModelState,
  relationId: number,
): RelationCrossing | undefined {
  const relation = state.relations.get(relationId);
  const link = relation?.crossModel;
  if (relation === undefined || link === undefined) return undefined;
  const local = relation.endpoints.find(
    (endpoint) => endpoint.application !== link.remoteApplication,
  );
  if (local === undefined) return undefined;
  const units = new Map<number, ReadonlyMap<string, string>>();
  for (const membership of state.memberships.get(relationId)?.values() ?? []) {
    if (membership.departing) continue;
    if (state.units.get(membership.unit)?.application !== local.application) continue;
    units.set(unitNumber(membership.unit), unitBag(state, relationId, membership.unit).values);
  }
  return {
    units,
    applicationBag: applicationBag(state, relationId, local.application).values,
    life: relation.life,
    ...(link.offer === undefined
      ? {}
      : { suspension: { suspended: relation.suspended, reason: relation.suspendedReason } }),
  };
}
