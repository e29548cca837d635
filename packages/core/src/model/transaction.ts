/**
 * A model transaction: the only place entities are written. Each write updates the persistent
 * state and its indexes, and records the change, so an operation gets its change set for free.
 * Nothing is shared with the base state except unchanged structure: dropping a transaction
 * leaves the base state as it was.
 */
import { Map as ImmutableMap } from 'immutable';

import { changeIdentity } from './changes.js';
import type { ModelChange, ModelSequences } from './changes.js';
import type {
  Application,
  Bag,
  BagOwner,
  Machine,
  Membership,
  Offer,
  OpenedPort,
  Relation,
  RemoteApplication,
  Unit,
} from './entities.js';
import { setIn2, deleteIn2 } from './index-helpers.js';
import {
  indexMembership,
  indexRelation,
  indexUnit,
  unindexMembership,
  unindexRelation,
  unindexUnit,
  withScopeMember,
} from './index-updates.js';
import type { ModelState, RelationBags } from './model-state.js';
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
    if (this.current.leaderSettings.has(name)) this.putLeaderSettings(name, undefined);
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
    if (this.current.charmState.has(name)) this.putCharmState(name, undefined);
    if (this.current.openedPorts.has(name)) this.putPorts(name, undefined);
  }

  putRelation(relation: Relation): void {
    const index = this.current.relations.has(relation.id)
      ? this.current.index
      : indexRelation(this.current.index, relation);
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
    const index = unindexRelation(this.current.index, relation);
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
    const base =
      previous === undefined ? this.current.index : unindexMembership(this.current.index, previous);
    const version = this.current.bags.get(relationId)?.units.get(unit)?.version ?? 0;
    const index = indexMembership(base, membership, version);
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
    const index = unindexMembership(this.current.index, previous);
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

  /** Removes one bag (only replays need this: bags otherwise go with their relation, R3.13). */
  removeBag(relationId: number, owner: BagOwner): void {
    const bags = this.current.bags.get(relationId);
    if (bags === undefined) return;
    const next: RelationBags =
      owner.kind === 'application'
        ? { ...bags, applications: bags.applications.delete(owner.application) }
        : { ...bags, units: bags.units.delete(owner.unit) };
    const empty = next.applications.isEmpty() && next.units.isEmpty();
    this.current = {
      ...this.current,
      bags: empty ? this.current.bags.delete(relationId) : this.current.bags.set(relationId, next),
    };
    this.record({ kind: 'bag', relationId, owner });
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

  /** Sets (or, with undefined, removes) an application's leader settings. */
  putLeaderSettings(application: string, settings: Bag | undefined): void {
    const leaderSettings =
      settings === undefined
        ? this.current.leaderSettings.delete(application)
        : this.current.leaderSettings.set(application, settings);
    this.current = { ...this.current, leaderSettings };
    this.record(
      settings === undefined
        ? { kind: 'leader-settings', application }
        : { kind: 'leader-settings', application, settings },
    );
  }

  /** Sets (or, with undefined, removes) a unit's charm state. */
  putCharmState(unit: string, state: ReadonlyMap<string, string> | undefined): void {
    const charmState =
      state === undefined
        ? this.current.charmState.delete(unit)
        : this.current.charmState.set(unit, state);
    this.current = { ...this.current, charmState };
    this.record(
      state === undefined ? { kind: 'charm-state', unit } : { kind: 'charm-state', unit, state },
    );
  }

  /** Sets a unit's opened port ranges; none (or undefined) removes its entry. */
  putPorts(unit: string, ports: readonly OpenedPort[] | undefined): void {
    const empty = ports === undefined || ports.length === 0;
    const openedPorts = empty
      ? this.current.openedPorts.delete(unit)
      : this.current.openedPorts.set(unit, ports);
    this.current = { ...this.current, openedPorts };
    this.record(empty ? { kind: 'ports', unit } : { kind: 'ports', unit, ports });
  }

  /** Sets (or, with undefined, removes) an offer. */
  putOffer(name: string, offer: Offer | undefined): void {
    const offers =
      offer === undefined ? this.current.offers.delete(name) : this.current.offers.set(name, offer);
    this.current = { ...this.current, offers };
    this.record(offer === undefined ? { kind: 'offer', name } : { kind: 'offer', name, offer });
  }

  /** Sets (or, with undefined, removes) a remote application; its relations must be gone first. */
  putRemoteApplication(name: string, application: RemoteApplication | undefined): void {
    const remoteApplications =
      application === undefined
        ? this.current.remoteApplications.delete(name)
        : this.current.remoteApplications.set(name, application);
    this.current = { ...this.current, remoteApplications };
    this.record(
      application === undefined
        ? { kind: 'remote-application', name }
        : { kind: 'remote-application', name, application },
    );
  }

  private record(change: ModelChange): void {
    this.changes.set(changeIdentity(change), change);
  }
}
