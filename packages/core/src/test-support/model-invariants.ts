/**
 * Test support: a model's entities as plain comparable data, and the invariants every reachable
 * model must satisfy (Step 2's property test).
 */
import assert from 'node:assert/strict';

import { is } from 'immutable';

import type { ModelIndex, ModelState } from '../model/model-state.js';
import { endpointOf } from '../model/queries.js';
import { rebuildIndex } from '../model/rebuild-index.js';
import { isRemoteUnit } from '../cross-model/remote-units.js';

function sortedEntries<V>(map: Iterable<readonly [string | number, V]>): [string, V][] {
  return [...map]
    .map(([key, value]): [string, V] => [String(key), value])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Every entity of the model as plain data, in a stable order. */
export function entitiesOf(state: ModelState): unknown {
  return {
    name: state.name,
    sequences: state.sequences,
    machines: sortedEntries(state.machines),
    applications: sortedEntries(state.applications).map(([name, app]) => [
      name,
      { ...app, charm: app.charm.name, config: sortedEntries(app.config) },
    ]),
    units: sortedEntries(state.units),
    relations: sortedEntries(state.relations),
    memberships: sortedEntries(state.memberships).flatMap(([id, members]) =>
      sortedEntries(members).map(([unit, membership]) => [`${id}/${unit}`, membership]),
    ),
    bags: sortedEntries(state.bags).flatMap(([id, bags]) => [
      ...sortedEntries(bags.applications).map(([app, bag]) => [
        `${id}/app/${app}`,
        bag.version,
        sortedEntries(bag.values),
      ]),
      ...sortedEntries(bags.units).map(([unit, bag]) => [
        `${id}/unit/${unit}`,
        bag.version,
        sortedEntries(bag.values),
      ]),
    ]),
    leaders: sortedEntries(state.leaders),
    leaderSettings: sortedEntries(state.leaderSettings).map(([app, bag]) => [
      app,
      bag.version,
      sortedEntries(bag.values),
    ]),
    charmState: sortedEntries(state.charmState).map(([unit, values]) => [
      unit,
      sortedEntries(values),
    ]),
    openedPorts: sortedEntries(state.openedPorts),
    offers: sortedEntries(state.offers),
    remoteApplications: sortedEntries(state.remoteApplications),
  };
}

/** The scope members index as plain data (its leaves are B-trees, compared by content). */
function scopeMembersOf(index: ModelIndex): unknown {
  return sortedEntries(index.scopeMembers).map(([relation, scopes]) => [
    relation,
    sortedEntries(scopes).map(([scope, roles]) => [
      scope,
      sortedEntries(roles).map(([role, tree]) => [role, tree.toArray()]),
    ]),
  ]);
}

/** Asserts the invariants of spec §2–§4 and the indexes' agreement with the entities. */
export function checkInvariants(state: ModelState): void {
  const index = rebuildIndex(state);
  for (const key of Object.keys(index) as (keyof typeof index)[]) {
    if (key === 'scopeMembers') continue;
    assert.ok(is(index[key], state.index[key]), `index ${key} disagrees with the entities`);
  }
  assert.deepEqual(
    scopeMembersOf(state.index),
    scopeMembersOf(index),
    'index scopeMembers disagrees with the entities',
  );
  const keys = new Set<string>();
  for (const relation of state.relations.values()) {
    // R2.19: ids come from the sequence; R2.14: keys are unique among existing relations.
    assert.ok(
      relation.id < state.sequences.relation,
      `relation id ${relation.id} not from the sequence`,
    );
    assert.ok(!keys.has(relation.key), `two relations with key ${relation.key}`);
    keys.add(relation.key);
    const members = state.memberships.get(relation.id);
    assert.equal(relation.unitCount, members?.size ?? 0, `unit count of relation ${relation.id}`);
    assert.ok(
      !(relation.life === 'dying' && relation.unitCount === 0),
      `empty Dying relation ${relation.id} not removed`,
    );
    for (const membership of members?.values() ?? []) {
      if (isRemoteUnit(relation, membership.unit)) continue; // R8.4
      const unit = state.units.get(membership.unit);
      assert.ok(unit !== undefined, `membership of removed unit ${membership.unit}`);
      assert.ok(
        endpointOf(relation, unit.application) !== undefined,
        `${unit.name} in a relation of another application`,
      );
    }
    for (const endpoint of relation.endpoints) {
      if (endpoint.limit <= 0) continue;
      // R2.15: limits are never exceeded.
      const using = [...(state.index.relationsByApplication.get(endpoint.application) ?? [])]
        .map((id) => state.relations.get(id))
        .filter((other) => {
          const own = other === undefined ? undefined : endpointOf(other, endpoint.application);
          return (
            other?.suspended === false &&
            own?.name === endpoint.name &&
            own.interface === endpoint.interface
          );
        });
      assert.ok(
        using.length <= endpoint.limit,
        `limit of ${endpoint.application}:${endpoint.name} exceeded`,
      );
    }
  }
  // R3.13: no bag of a removed relation survives.
  for (const relationId of state.bags.keys())
    assert.ok(state.relations.has(relationId), `bags of removed relation ${relationId}`);
  for (const relationId of state.memberships.keys())
    assert.ok(state.relations.has(relationId), `members of removed relation ${relationId}`);
  // R2.23: at most one subordinate unit per (subordinate application, principal).
  const attached = new Set<string>();
  for (const unit of state.units.values()) {
    assert.ok(
      state.applications.has(unit.application),
      `unit ${unit.name} of a removed application`,
    );
    assert.ok(state.machines.has(unit.machine), `unit ${unit.name} on a removed machine`);
    if (unit.principal === undefined) continue;
    const pair = `${unit.application}@${unit.principal}`;
    assert.ok(!attached.has(pair), `two ${unit.application} units on ${unit.principal}`);
    attached.add(pair);
    assert.ok(state.units.has(unit.principal), `subordinate ${unit.name} outlived its principal`);
  }
  for (const [application, leader] of state.leaders) {
    assert.equal(
      state.units.get(leader)?.application,
      application,
      `leader ${leader} of ${application}`,
    );
  }
  for (const application of state.applications.values()) {
    const gone =
      !state.index.unitsByApplication.has(application.name) &&
      !state.index.relationsByApplication.has(application.name);
    assert.ok(
      !(application.life === 'dying' && gone),
      `empty Dying application ${application.name} not removed`,
    );
  }
}
