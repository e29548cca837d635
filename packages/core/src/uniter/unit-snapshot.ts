/**
 * The remote state a unit's uniter compares its local state with (R5.7): for each relation the
 * unit can see, its life, suspension, the members it observes with their bag versions, and the
 * versions of the application bags it watches. Built from indexes in time proportional to the
 * number of relations, whatever the number of units.
 */
import { Map as ImmutableMap } from 'immutable';

import { isImplicitEndpoint } from '../charm/endpoints.js';
import type { Life, RelationEndpoint } from '../model/entities.js';
import { scopeKey } from '../model/keys.js';
import type { ModelState } from '../model/model-state.js';
import {
  applicationBag,
  counterpartApplication,
  endpointOf,
  isContainerRelation,
  isPeerRelation,
  principalName,
  counterpartRole,
  relationsOf,
  unitSeesRelation,
} from '../model/queries.js';

/** One relation as a unit sees it. */
export interface RelationSnapshot {
  readonly id: number;
  readonly key: string;
  /** The unit's own endpoint in the relation. */
  readonly endpoint: RelationEndpoint;
  /** The other application; the unit's own for a peer relation (`JUJU_REMOTE_APP`). */
  readonly remoteApplication: string;
  readonly life: 'alive' | 'dying';
  readonly suspended: boolean;
  readonly peer: boolean;
  /** True when the unit's endpoint is the implicit `juju-info` provider: no hooks (R5.20). */
  readonly implicit: boolean;
  /** Whether the unit is in the relation's scope. */
  readonly inScope: boolean;
  /** R3.2, R5.7: the units it observes (in its scope, counterpart role, not departing, not itself). */
  readonly members: ImmutableMap<string, number>;
  /** R3.3: the version of each application bag it watches (the own one, for a peer relation). */
  readonly applicationMembers: ImmutableMap<string, number>;
}

/** A unit's view of the model. */
export interface UnitSnapshot {
  readonly unit: string;
  readonly application: string;
  readonly life: Life;
  readonly applicationLife: Life;
  readonly isLeader: boolean;
  /** Every relation the unit takes part in (R2.27), lowest id first. */
  readonly relations: readonly RelationSnapshot[];
}

const NO_MEMBERS = ImmutableMap<string, number>();

/**
 * The snapshot of one unit, or undefined when the unit does not exist.
 *
 * @example
 * unitSnapshot(state, 'app/0')?.relations[0]?.members; // Map { 'db/0' => 0 }
 */
export function unitSnapshot(state: ModelState, unitName: string): UnitSnapshot | undefined {
  const unit = state.units.get(unitName);
  const application = unit === undefined ? undefined : state.applications.get(unit.application);
  if (unit === undefined || application === undefined) return undefined;
  const relations: RelationSnapshot[] = [];
  for (const relation of relationsOf(state, unit.application)) {
    const endpoint = endpointOf(relation, unit.application);
    if (endpoint === undefined || !unitSeesRelation(state, unit, relation)) continue;
    const scope = scopeKey(relation.id, isContainerRelation(relation), principalName(unit));
    const observed =
      state.index.scopeMembers.get(relation.id)?.get(scope)?.get(counterpartRole(endpoint.role)) ??
      NO_MEMBERS;
    const remoteApplication = counterpartApplication(relation, unit.application);
    relations.push({
      id: relation.id,
      key: relation.key,
      endpoint,
      remoteApplication,
      life: relation.life,
      suspended: relation.suspended,
      peer: isPeerRelation(relation),
      implicit: isImplicitEndpoint(endpoint),
      inScope: state.memberships.get(relation.id)?.has(unit.name) === true,
      members: observed.delete(unit.name),
      applicationMembers: ImmutableMap([
        [remoteApplication, applicationBag(state, relation.id, remoteApplication).version],
      ]),
    });
  }
  return {
    unit: unit.name,
    application: unit.application,
    life: unit.life,
    applicationLife: application.life,
    isLeader: state.leaders.get(unit.application) === unit.name,
    relations,
  };
}
