/**
 * A model transaction: the only place entities are written. Each write updates the persistent
 * state and its indexes, and records the change, so an operation gets its change set for free.
 * Nothing is shared with the base state except unchanged structure: dropping a transaction
 * leaves the base state as it was.
 */
import { Map as ImmutableMap } from 'immutable';

import type { EndpointRole } from '../charm/metadata.js';
import { changeIdentity } from './changes.js';
import type { ModelChange, ModelSequences } from './changes.js';
import type {
  Application,
  Bag,
  BagOwner,
  Machine,
  Membership,
  Relation,
  Unit,
} from './entities.js';
import { addToSet, deleteIn2, removeFromSet, setIn2 } from './index-helpers.js';
import type { ModelIndex, ModelState, RelationBags } from './model-state.js';
import type { Applied } from './refusal.js';

const NO_BAGS: RelationBags = { applications: ImmutableMap(), units: ImmutableMap() };

/** Accumulates writes against a base state; `commit` yields the new state and its change set. */
export class ModelTransaction {
  private current: ModelState;
  private readonly changes = new Map<string, ModelChange>();

  constructor(base: ModelState) {
    this.current = base;
  }

  /** The state with every write so far applied. */
  get state(): ModelState {
    return this.current;
  }

  /** Ends the transaction: the new state, its changes in first-write order, and a value. */
  commit<T>(value: T): Applied<T> {
    return { ok: true, state: this.current, changes: [...this.changes.values()], value };
  }

  putSequences(sequences: ModelSequences): void {
    this.current = { ...this.current, sequences };
    this.record({ kind: 'sequences', sequences });
  }

  putMachine(machine: Machine): void {
    this.current = { ...this.current, machines: this.current.machines.set(machine.id, machine) };
    this.record({ kind: 'machine', id: machine.id, machine });
  }

  removeMachine(id: string): void {
    this.current = { ...this.current, machines: this.current.machines.delete(id) };
    this.record({ kind: 'machine', id });
  }

  putApplication(application: Application): void {
    const applications = this.current.applications.set(application.name, application);
    this.current = { ...this.current, applications };
    this.record({ kind: 'application', name: application.name, application });
  }

  /** Removes an application; its units and relations must already be gone. */
  removeApplication(name: string): void {
    this.current = {
      ...this.current,
      applications: this.current.applications.delete(name),
    };
    this.record({ kind: 'application', name });
    if (this.current.leaders.has(name)) this.setLeader(name, undefined);
  }

  putUnit(unit: Unit): void {
    const previous = this.current.units.get(unit.name);
    let index =
      previous === undefined ? this.current.index : unindexUnit(this.current.index, previous);
    index = indexUnit(index, unit);
    this.current = { ...this.current, units: this.current.units.set(unit.name, unit), index };
    this.record({ kind: 'unit', name: unit.name, unit });
  }

  /** Removes a unit; its memberships must already be gone. */
  removeUnit(name: string): void {
    const previous = this.current.units.get(name);
    if (previous === undefined) return;
    this.current = {
      ...this.current,
      units: this.current.units.delete(name),
      index: unindexUnit(this.current.index, previous),
    };
    this.record({ kind: 'unit', name });
    if (this.current.leaders.get(previous.application) === name) {
      this.setLeader(previous.application, undefined);
    }
  }

  putRelation(relation: Relation): void {
    let index = this.current.index;
    if (!this.current.relations.has(relation.id)) {
      index = { ...index, relationByKey: index.relationByKey.set(relation.key, relation.id) };
      for (const endpoint of relation.endpoints) {
        index = {
          ...index,
          relationsByApplication: addToSet(
            index.relationsByApplication,
            endpoint.application,
            relation.id,
          ),
        };
      }
    }
    this.current = {
      ...this.current,
      relations: this.current.relations.set(relation.id, relation),
      index,
    };
    this.record({ kind: 'relation', id: relation.id, relation });
  }

  /** R3.13: removes a relation with its memberships and every one of its bags. */
  removeRelation(id: number): void {
    const relation = this.current.relations.get(id);
    if (relation === undefined) return;
    for (const unit of this.current.memberships.get(id)?.keys() ?? [])
      this.removeMembership(id, unit);
    const bags = this.current.bags.get(id) ?? NO_BAGS;
    for (const application of bags.applications.keys()) {
      this.record({ kind: 'bag', relationId: id, owner: { kind: 'application', application } });
    }
    for (const unit of bags.units.keys()) {
      this.record({ kind: 'bag', relationId: id, owner: { kind: 'unit', unit } });
    }
    let index = this.current.index;
    index = { ...index, relationByKey: index.relationByKey.delete(relation.key) };
    for (const endpoint of relation.endpoints) {
      index = {
        ...index,
        relationsByApplication: removeFromSet(
          index.relationsByApplication,
          endpoint.application,
          id,
        ),
      };
    }
    index = { ...index, scopeMembers: index.scopeMembers.delete(id) };
    this.current = {
      ...this.current,
      relations: this.current.relations.delete(id),
      memberships: this.current.memberships.delete(id),
      bags: this.current.bags.delete(id),
      index,
    };
    this.record({ kind: 'relation', id });
  }

  putMembership(membership: Membership): void {
    const { relationId, unit } = membership;
    const previous = this.current.memberships.get(relationId)?.get(unit);
    let index = this.current.index;
    if (previous !== undefined) index = withoutScopeMember(index, previous);
    if (!membership.departing) {
      const version = this.current.bags.get(relationId)?.units.get(unit)?.version ?? 0;
      index = withScopeMember(index, membership, version);
    }
    index = { ...index, relationsByUnit: addToSet(index.relationsByUnit, unit, relationId) };
    this.current = {
      ...this.current,
      memberships: setIn2(this.current.memberships, relationId, unit, membership),
      index,
    };
    this.record({ kind: 'membership', relationId, unit, membership });
  }

  removeMembership(relationId: number, unit: string): void {
    const previous = this.current.memberships.get(relationId)?.get(unit);
    if (previous === undefined) return;
    let index = withoutScopeMember(this.current.index, previous);
    index = { ...index, relationsByUnit: removeFromSet(index.relationsByUnit, unit, relationId) };
    this.current = {
      ...this.current,
      memberships: deleteIn2(this.current.memberships, relationId, unit),
      index,
    };
    this.record({ kind: 'membership', relationId, unit });
  }

  putBag(relationId: number, owner: BagOwner, bag: Bag): void {
    const bags = this.current.bags.get(relationId) ?? NO_BAGS;
    const next: RelationBags =
      owner.kind === 'application'
        ? { ...bags, applications: bags.applications.set(owner.application, bag) }
        : { ...bags, units: bags.units.set(owner.unit, bag) };
    let index = this.current.index;
    const membership =
      owner.kind === 'unit' ? this.current.memberships.get(relationId)?.get(owner.unit) : undefined;
    if (membership !== undefined && !membership.departing) {
      index = withScopeMember(index, membership, bag.version);
    }
    this.current = { ...this.current, bags: this.current.bags.set(relationId, next), index };
    this.record({ kind: 'bag', relationId, owner, bag });
  }

  setLeader(application: string, unit: string | undefined): void {
    const leaders =
      unit === undefined
        ? this.current.leaders.delete(application)
        : this.current.leaders.set(application, unit);
    this.current = { ...this.current, leaders };
    this.record(
      unit === undefined ? { kind: 'leader', application } : { kind: 'leader', application, unit },
    );
  }

  private record(change: ModelChange): void {
    this.changes.set(changeIdentity(change), change);
  }
}

function indexUnit(index: ModelIndex, unit: Unit): ModelIndex {
  return {
    ...index,
    unitsByApplication: addToSet(index.unitsByApplication, unit.application, unit.name),
    unitsByMachine: addToSet(index.unitsByMachine, unit.machine, unit.name),
    subordinates:
      unit.principal === undefined
        ? index.subordinates
        : setIn2(index.subordinates, unit.principal, unit.application, unit.name),
  };
}

function unindexUnit(index: ModelIndex, unit: Unit): ModelIndex {
  return {
    ...index,
    unitsByApplication: removeFromSet(index.unitsByApplication, unit.application, unit.name),
    unitsByMachine: removeFromSet(index.unitsByMachine, unit.machine, unit.name),
    subordinates:
      unit.principal === undefined
        ? index.subordinates
        : deleteIn2(index.subordinates, unit.principal, unit.application),
  };
}

type ScopeMembers = ModelIndex['scopeMembers'];

function withScopeMember(index: ModelIndex, membership: Membership, version: number): ModelIndex {
  const { relationId, scopeKey, role, unit } = membership;
  const scopes = index.scopeMembers.get(relationId) ?? ImmutableMap();
  const roles = scopes.get(scopeKey) ?? ImmutableMap<EndpointRole, ImmutableMap<string, number>>();
  const members = (roles.get(role) ?? ImmutableMap<string, number>()).set(unit, version);
  const scopeMembers: ScopeMembers = index.scopeMembers.set(
    relationId,
    scopes.set(scopeKey, roles.set(role, members)),
  );
  return { ...index, scopeMembers };
}

function withoutScopeMember(index: ModelIndex, membership: Membership): ModelIndex {
  const { relationId, scopeKey, role, unit } = membership;
  const scopes = index.scopeMembers.get(relationId);
  const roles = scopes?.get(scopeKey);
  const members = roles?.get(role);
  if (scopes === undefined || roles === undefined || members?.has(unit) !== true) return index;
  const nextMembers = members.delete(unit);
  const nextRoles = nextMembers.isEmpty() ? roles.delete(role) : roles.set(role, nextMembers);
  const nextScopes = nextRoles.isEmpty()
    ? scopes.delete(scopeKey)
    : scopes.set(scopeKey, nextRoles);
  const scopeMembers: ScopeMembers = nextScopes.isEmpty()
    ? index.scopeMembers.delete(relationId)
    : index.scopeMembers.set(relationId, nextScopes);
  return { ...index, scopeMembers };
}
