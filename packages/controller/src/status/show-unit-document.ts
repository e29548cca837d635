/**
 * `show-unit`: one unit with what it sees of each relation its application is in (R2.27), as
 * `juju show-unit` lists it: the related application's bag, the unit's own bag, and the bags of
 * the related units in its scope (R3.1: a container relation's scope is the principal's).
 */
import {
  applicationBag,
  applicationOfUnit,
  compareNames,
  counterpartApplication,
  endpointOf,
  formatPortRange,
  isContainerRelation,
  isPeerRelation,
  membershipOf,
  principalName,
  relationsOf,
  scopeKey,
  unitBag,
  unitSeesRelation,
} from '@loom/core';
import type { ModelState, Relation, Unit } from '@loom/core';
import { mapToObject } from '@loom/protocol';
import type { ShowUnitDocument, UnitRelationInfoDocument } from '@loom/protocol';

import { ControllerError } from '../controller-error.js';

/**
 * The unit `name` of `state`; `address` is its machine's address.
 *
 * @throws ControllerError `not-found` when the model has no such unit.
 */
export function showUnitDocument(
  state: ModelState,
  name: string,
  address: (machine: string) => string,
): ShowUnitDocument {
  const unit = state.units.get(name);
  if (unit === undefined)
    throw new ControllerError(
      'not-found',
      `unit "${name}" not found; run "loom status" to list units`,
    );
  const application = state.applications.get(unit.application);
  return {
    name,
    workloadVersion: unit.workloadVersion,
    machine: unit.machine,
    openedPorts: (state.openedPorts.get(name) ?? []).map(formatPortRange),
    publicAddress: address(unit.machine),
    charmUrl: application?.charmUrl ?? '',
    leader: state.leaders.get(unit.application) === name,
    life: unit.life,
    relations: relationsOf(state, unit.application)
      .filter((relation) => unitSeesRelation(state, unit, relation))
      .sort((a, b) => a.id - b.id)
      .map((relation) => relationInfo(state, unit, relation)),
  };
}

function relationInfo(state: ModelState, unit: Unit, relation: Relation): UnitRelationInfoDocument {
  const related = counterpartApplication(relation, unit.application);
  const own = membershipOf(state, relation.id, unit.name);
  const scope =
    own?.scopeKey ?? scopeKey(relation.id, isContainerRelation(relation), principalName(unit));
  const relatedUnits = [...(state.memberships.get(relation.id)?.values() ?? [])]
    .filter(
      (member) =>
        member.unit !== unit.name &&
        member.scopeKey === scope &&
        (isPeerRelation(relation) || applicationOfUnit(member.unit) === related),
    )
    .map((member) => member.unit)
    .sort(compareNames);
  const ownBag = unitBag(state, relation.id, unit.name);
  return {
    relationId: relation.id,
    endpoint: endpointOf(relation, unit.application)?.name ?? '',
    relatedEndpoint: endpointOf(relation, related)?.name ?? '',
    applicationData: mapToObject(applicationBag(state, relation.id, related).values),
    ...(own === undefined && ownBag.version === 0
      ? {}
      : { localUnit: { inScope: own !== undefined, data: mapToObject(ownBag.values) } }),
    relatedUnits: Object.fromEntries(
      relatedUnits.map((member) => [
        member,
        { inScope: true, data: mapToObject(unitBag(state, relation.id, member).values) },
      ]),
    ),
  };
}
