/**
 * Entering and leaving a relation's scope (R3.4–R3.10): the membership record, the unit bag with
 * its address settings (R4.3), subordinate unit creation (R2.23) and relation removal by the last
 * unit out (R3.13).
 */
import type { Relation, Unit } from '../model/entities.js';
import { scopeKey } from '../model/keys.js';
import type { ModelState } from '../model/model-state.js';
import {
  counterpartApplication,
  endpointOf,
  isContainerRelation,
  principalName,
  unitSeesRelation,
} from '../model/queries.js';
import type { OperationResult, Refusal } from '../model/refusal.js';
import { refuse } from '../model/refusal.js';
import { sameEntries } from '../model/same-entries.js';
import { ModelTransaction } from '../model/transaction.js';
import { leaveScope as leaveScopeIn } from './internal/relation-lifecycle.js';
import { addUnit } from './internal/unit-lifecycle.js';

/** Which unit enters which relation, with the network facts for its initial settings (R4.3). */
export interface EnterScopeInput {
  readonly unit: string;
  readonly relationId: number;
  /** The unit's first ingress address for this endpoint; without one the address keys are left out. */
  readonly ingressAddress?: string;
  /** Egress subnets; by default the ingress address as a single host (`10.0.0.5/32`). */
  readonly egressSubnets?: readonly string[];
}

/**
 * R4.3, R8.6: a unit's default egress subnets in a relation — a cross-model relation's `--via`
 * subnets, else its ingress address as a single host (none while that is unknown).
 */
export function defaultEgressSubnets(
  ingressAddress: string | undefined,
  relation: Relation | undefined,
): readonly string[] {
  const via = relation?.crossModel?.via ?? [];
  if (via.length > 0) return via;
  return ingressAddress === undefined ? [] : [`${ingressAddress}/32`];
}

/** R4.3: `private-address`, `ingress-address` and `egress-subnets`, as far as they are known. */
export function initialUnitSettings(
  input: Pick<EnterScopeInput, 'ingressAddress' | 'egressSubnets'>,
  relation?: Relation,
): Map<string, string> {
  const settings = new Map<string, string>();
  const egress = input.egressSubnets ?? defaultEgressSubnets(input.ingressAddress, relation);
  if (egress.length > 0) settings.set('egress-subnets', egress.join(','));
  if (input.ingressAddress !== undefined) {
    settings.set('ingress-address', input.ingressAddress);
    settings.set('private-address', input.ingressAddress);
  }
  return settings;
}

/**
 * R3.6: a unit enters a relation's scope. Idempotent. Creates the subordinate unit a principal
 * needs in a container relation (R2.23) and marks the relation joined when the leader enters (R3.7).
 */
export function enterScope(
  state: ModelState,
  input: EnterScopeInput,
): OperationResult<{ subordinate?: string }> {
  const relation = state.relations.get(input.relationId);
  if (relation === undefined) return refuse('not-found', `relation ${input.relationId} not found`);
  const unit = state.units.get(input.unit);
  if (unit === undefined) return refuse('not-found', `unit "${input.unit}" does not exist`);
  const endpoint = endpointOf(relation, unit.application);
  if (endpoint === undefined || !unitSeesRelation(state, unit, relation)) {
    return refuse(
      'not-valid',
      `unit "${unit.name}" cannot enter the scope of relation "${relation.key}"`,
    );
  }
  const txn = new ModelTransaction(state);
  if (state.memberships.get(relation.id)?.has(unit.name) === true) return txn.commit({});
  if (unit.life !== 'alive' || relation.life !== 'alive') {
    return refuse('not-alive', 'cannot enter scope: unit or relation is not alive');
  }
  const subordinate = subordinateToCreate(state, relation, unit);
  if (typeof subordinate === 'object') return subordinate;

  const container = isContainerRelation(relation);
  txn.putRelation({
    ...relation,
    unitCount: relation.unitCount + 1,
    ...(state.leaders.get(unit.application) === unit.name ? { status: 'joined' as const } : {}),
  });
  writeInitialBag(txn, relation.id, unit.name, initialUnitSettings(input, relation));
  txn.putMembership({
    relationId: relation.id,
    unit: unit.name,
    scopeKey: scopeKey(relation.id, container, principalName(unit)),
    role: endpoint.role,
    departing: false,
  });
  if (subordinate === undefined) return txn.commit({});
  const created = addUnit(txn, subordinate, { machine: unit.machine, principal: unit.name });
  return txn.commit({ subordinate: created });
}

/**
 * R2.23, R2.25: the subordinate application a principal unit must get a unit of, undefined when
 * none is needed, or the refusal when a non-alive one is still there.
 */
function subordinateToCreate(
  state: ModelState,
  relation: Relation,
  unit: Unit,
): string | Refusal | undefined {
  if (unit.principal !== undefined || !isContainerRelation(relation)) return undefined;
  const other = counterpartApplication(relation, unit.application);
  if (state.applications.get(other)?.subordinate !== true) return undefined;
  const existing = state.index.subordinates.get(unit.name)?.get(other);
  if (existing === undefined) return other;
  if (state.units.get(existing)?.life !== 'alive') {
    return refuse(
      'not-alive',
      'cannot enter scope yet: non-alive subordinate unit has not been removed',
    );
  }
  return undefined;
}

/** R3.6 step 3: the bag is written with the initial settings, replacing an earlier one. */
function writeInitialBag(
  txn: ModelTransaction,
  relationId: number,
  unit: string,
  values: Map<string, string>,
): void {
  const previous = txn.state.bags.get(relationId)?.units.get(unit);
  const version =
    previous === undefined
      ? 0
      : sameEntries(previous.values, values)
        ? previous.version
        : previous.version + 1;
  txn.putBag(relationId, { kind: 'unit', unit }, { values, version });
}

/**
 * R3.10: a unit leaves a relation's scope (after its `-relation-broken`, or at once for an implicit
 * relation). Not being in scope, or the relation being gone, is not an error.
 */
export function leaveScope(
  state: ModelState,
  input: { readonly unit: string; readonly relationId: number },
): OperationResult {
  const txn = new ModelTransaction(state);
  leaveScopeIn(txn, input.relationId, input.unit);
  return txn.commit(undefined);
}
