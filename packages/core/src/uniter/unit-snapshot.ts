/**
 * The remote state a unit's uniter compares its local state with (R5.7): for each relation the
 * unit can see, its life, suspension, the members it observes with their bag versions and the
 * versions of the application bags it watches; plus what the rest of the priority order needs
 * (config and leader-settings versions, leadership, subordinates). Built from indexes in time
 * proportional to the unit's number of relations, whatever the size of the model.
 */
import { isImplicitEndpoint } from '../charm/endpoints.js';
import type { Life, RelationEndpoint } from '../model/entities.js';
import { scopeKey } from '../model/keys.js';
import { EMPTY_MEMBERS } from '../model/member-tree.js';
import type { MemberTree } from '../model/member-tree.js';
import type { ModelState } from '../model/model-state.js';
import {
  applicationBag,
  counterpartApplication,
  counterpartRole,
  endpointOf,
  isContainerRelation,
  isPeerRelation,
  principalName,
  relationsOf,
  unitSeesRelation,
} from '../model/queries.js';
import { subordinateIsOrphaned } from '../operations/subordinates.js';

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
  /**
   * R3.2, R5.7: the non-departing units of the counterpart role in the unit's scope, with their
   * unit bag versions. Shared with every unit of the scope, so in a peer relation it holds the
   * unit itself too: read it through `observedMembers` or `observedVersion`. Empty unless the unit
   * observes the scope (in scope and not departing): only such a unit acts on members (R5.8; a
   * Dying unit treats every relation as broken) and is told of their changes (R4.14).
   */
  readonly scopeMembers: MemberTree;
  /** The unit the snapshot is for (left out of `scopeMembers` by the readers). */
  readonly self: string;
  /**
   * R3.3: the version of each application bag the unit watches (its own, for a peer relation);
   * empty, like `scopeMembers`, unless the unit observes the relation.
   */
  readonly applicationMembers: ReadonlyMap<string, number>;
}

/** A unit's view of the model. */
export interface UnitSnapshot {
  readonly unit: string;
  readonly application: string;
  readonly life: Life;
  readonly applicationLife: Life;
  /** Whether the controller says the unit leads its application. */
  readonly isLeader: boolean;
  /** Whether the application has a leader at all (a vacant leadership is claimed, spec §11.2). */
  readonly hasLeader: boolean;
  /** The application's config version: a unit runs `config-changed` when it saw another. */
  readonly configVersion: number;
  /** The version of the application's leader settings (R5.21). */
  readonly leaderSettingsVersion: number;
  /** The unit's subordinate units, alive or not (a principal cannot become Dead while any remain). */
  readonly subordinates: readonly string[];
  /** R3.17 (1), R5.18: whether the unit has Alive subordinates and an Alive container relation. */
  readonly subordinatesToDestroy: boolean;
  /** R3.17 (2): a subordinate left with no Alive container relation to its principal's application. */
  readonly orphaned: boolean;
  /** Every relation the unit takes part in (R2.27), lowest id first. */
  readonly relations: readonly RelationSnapshot[];
}

const NO_APPLICATION_MEMBERS: ReadonlyMap<string, number> = new Map();

/** The members a unit observes in a relation, in byte-wise order, without itself (R3.2). */
export function observedMembers(relation: RelationSnapshot): [string, number][] {
  const members: [string, number][] = [];
  relation.scopeMembers.forEachPair((unit, version) => {
    if (unit !== relation.self) members.push([unit, version]);
  });
  return members;
}

/** The version of an observed member's bag, or undefined when the unit does not observe it. */
export function observedVersion(relation: RelationSnapshot, unit: string): number | undefined {
  return unit === relation.self ? undefined : relation.scopeMembers.get(unit);
}

/**
 * The snapshot of one unit, or undefined when the unit does not exist.
 *
 * @example
 * observedMembers(unitSnapshot(state, 'app/0')!.relations[0]!); // [['db/0', 0]]
 */
export function unitSnapshot(state: ModelState, unitName: string): UnitSnapshot | undefined {
  const unit = state.units.get(unitName);
  const application = unit === undefined ? undefined : state.applications.get(unit.application);
  if (unit === undefined || application === undefined) return undefined;
  const relations: RelationSnapshot[] = [];
  let aliveContainerRelation = false;
  for (const relation of relationsOf(state, unit.application)) {
    const endpoint = endpointOf(relation, unit.application);
    if (endpoint === undefined || !unitSeesRelation(state, unit, relation)) continue;
    const container = isContainerRelation(relation);
    aliveContainerRelation ||= container && relation.life === 'alive';
    const scope = scopeKey(relation.id, container, principalName(unit));
    const remoteApplication = counterpartApplication(relation, unit.application);
    const membership = state.memberships.get(relation.id)?.get(unit.name);
    const observing = membership !== undefined && !membership.departing;
    relations.push({
      id: relation.id,
      key: relation.key,
      endpoint,
      remoteApplication,
      life: relation.life,
      suspended: relation.suspended,
      peer: isPeerRelation(relation),
      implicit: isImplicitEndpoint(endpoint),
      inScope: membership !== undefined,
      scopeMembers: observing
        ? (state.index.scopeMembers
            .get(relation.id)
            ?.get(scope)
            ?.get(counterpartRole(endpoint.role)) ?? EMPTY_MEMBERS)
        : EMPTY_MEMBERS,
      self: unit.name,
      applicationMembers: observing
        ? new Map([
            [remoteApplication, applicationBag(state, relation.id, remoteApplication).version],
          ])
        : NO_APPLICATION_MEMBERS,
    });
  }
  const subordinates = [...(state.index.subordinates.get(unit.name)?.values() ?? [])].sort();
  return {
    unit: unit.name,
    application: unit.application,
    life: unit.life,
    applicationLife: application.life,
    isLeader: state.leaders.get(unit.application) === unit.name,
    hasLeader: state.leaders.has(unit.application),
    configVersion: application.configVersion,
    leaderSettingsVersion: state.leaderSettings.get(unit.application)?.version ?? 0,
    subordinates,
    subordinatesToDestroy:
      aliveContainerRelation &&
      subordinates.some((name) => state.units.get(name)?.life === 'alive'),
    orphaned: subordinateIsOrphaned(state, unit.name),
    relations,
  };
}
