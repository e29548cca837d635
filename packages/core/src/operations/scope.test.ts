/**
 * Entering and leaving scope: the membership and initial bag (R3.6, R4.3), relation status
 * (R3.7), subordinate creation (R2.23, R2.25), visibility (R2.27) and leaving (R3.10, R3.13).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { emptyModel } from '../model/model-state.js';
import { membershipOf, subordinatesOf, unitBag } from '../model/queries.js';
import { applied, chain, CHARMS, refused } from '../test-support/scenario-charms.js';
import { entered, s1, s19, started } from '../test-support/scenario-models.js';
import { deploy } from './deploy.js';
import { integrate } from './integrate.js';
import { removeRelation } from './remove-relation.js';
import { destroyOrphanedSubordinate } from './subordinates.js';
import { enterScope, initialUnitSettings, leaveScope } from './scope.js';

describe('R3.6 entering scope', () => {
  const before = s1({ inScope: false });

  it('records the membership in the global scope with the unit role, and counts the unit', () => {
    const { state } = applied(
      enterScope(before, { unit: 'app/0', relationId: 0, ingressAddress: '10.0.1.5' }),
    );
    assert.deepEqual(membershipOf(state, 0, 'app/0'), {
      relationId: 0,
      unit: 'app/0',
      scopeKey: 'r#0',
      role: 'requirer',
      departing: false,
    });
    assert.equal(state.relations.get(0)?.unitCount, 1);
  });

  it('R4.3: writes private-address, ingress-address and egress-subnets into the unit bag, version 0', () => {
    const { state } = applied(
      enterScope(before, { unit: 'app/0', relationId: 0, ingressAddress: '10.0.1.5' }),
    );
    const bag = unitBag(state, 0, 'app/0');
    assert.deepEqual(Object.fromEntries(bag.values), {
      'egress-subnets': '10.0.1.5/32',
      'ingress-address': '10.0.1.5',
      'private-address': '10.0.1.5',
    });
    assert.equal(bag.version, 0);
  });

  it('R4.3: uses given egress subnets, and leaves out what is not known', () => {
    assert.deepEqual(
      Object.fromEntries(
        initialUnitSettings({
          ingressAddress: '10.0.0.5',
          egressSubnets: ['10.0.0.0/24', '192.168.0.0/16'],
        }),
      ),
      {
        'egress-subnets': '10.0.0.0/24,192.168.0.0/16',
        'ingress-address': '10.0.0.5',
        'private-address': '10.0.0.5',
      },
    );
    assert.equal(initialUnitSettings({}).size, 0);
  });

  it('does nothing for a unit already in scope', () => {
    const inside = applied(
      enterScope(before, { unit: 'app/0', relationId: 0, ingressAddress: '10.0.1.5' }),
    ).state;
    const again = applied(
      enterScope(inside, { unit: 'app/0', relationId: 0, ingressAddress: '10.9.9.9' }),
    );
    assert.deepEqual(again.changes, []);
    assert.equal(again.state, inside);
  });

  it('refuses a Dying relation with Juju message', () => {
    const dying = chain(before, ...entered(0, 'db/0'), (state) =>
      removeRelation(state, { relationId: 0 }),
    );
    assert.equal(
      refused(enterScope(dying, { unit: 'app/0', relationId: 0 })).message,
      'cannot enter scope: unit or relation is not alive',
    );
  });

  it('R3.6 step 3: replaces the bag of a unit that comes back, bumping its version', () => {
    let state = chain(before, ...entered(0, 'db/0'));
    state = applied(leaveScope(state, { unit: 'db/0', relationId: 0 })).state;
    state = applied(
      enterScope(state, { unit: 'db/0', relationId: 0, ingressAddress: '10.7.7.7' }),
    ).state;
    const bag = unitBag(state, 0, 'db/0');
    assert.equal(bag.values.get('private-address'), '10.7.7.7');
    assert.equal(bag.version, 1);
  });
});

describe('R3.7 relation status', () => {
  it('becomes joined when the leader enters scope, not when another unit does', () => {
    const before = s1({ inScope: false });
    const afterMinion = applied(enterScope(before, { unit: 'app/1', relationId: 0 })).state;
    assert.equal(afterMinion.relations.get(0)?.status, 'joining');
    const afterLeader = applied(enterScope(afterMinion, { unit: 'app/0', relationId: 0 })).state;
    assert.equal(afterLeader.relations.get(0)?.status, 'joined');
  });
});

describe('R2.23 subordinate units', () => {
  const related = chain(
    emptyModel('sub'),
    (state) => deploy(state, { application: 'app', charm: CHARMS.logsrc, numUnits: 2 }),
    (state) => deploy(state, { application: 'logger', charm: CHARMS.logger }),
    (state) => integrate(state, { endpoints: ['app', 'logger'] }),
  );

  it('creates one subordinate unit per principal on its machine, numbered in entering order', () => {
    const afterSecond = applied(enterScope(related, { unit: 'app/1', relationId: 0 }));
    assert.deepEqual(afterSecond.value, { subordinate: 'logger/0' });
    const { state, value } = applied(
      enterScope(afterSecond.state, { unit: 'app/0', relationId: 0 }),
    );
    assert.deepEqual(value, { subordinate: 'logger/1' });
    assert.deepEqual(
      ['logger/0', 'logger/1'].map((name) => {
        const unit = state.units.get(name);
        return [unit?.principal, unit?.machine];
      }),
      [
        ['app/1', '1'],
        ['app/0', '0'],
      ],
    );
    assert.deepEqual(subordinatesOf(state, 'app/0'), ['logger/1']);
  });

  it('keeps at most one unit of the subordinate per principal across container relations', () => {
    let state = chain(related, ...entered(0, 'app/0'));
    state = applied(integrate(state, { endpoints: ['app:juju-info', 'logger'] })).state;
    const { state: after, value } = applied(enterScope(state, { unit: 'app/0', relationId: 1 }));
    assert.deepEqual(value, {});
    assert.deepEqual(subordinatesOf(after, 'app/0'), ['logger/0']);
  });

  it('R2.25: refuses a principal while its non-alive subordinate unit is still there', () => {
    let state = chain(
      related,
      ...entered(0, 'app/0'),
      ...started('logger/0'),
      ...entered(0, 'logger/0'),
    );
    state = applied(removeRelation(state, { relationId: 0 })).state;
    state = applied(destroyOrphanedSubordinate(state, { unit: 'logger/0' })).state;
    assert.equal(state.units.get('logger/0')?.life, 'dying');
    state = applied(integrate(state, { endpoints: ['app:juju-info', 'logger'] })).state;
    assert.equal(
      refused(enterScope(state, { unit: 'app/0', relationId: 1 })).message,
      'cannot enter scope yet: non-alive subordinate unit has not been removed',
    );
  });
});

describe('R2.27 what a subordinate unit takes part in', () => {
  it('refuses a container relation with another principal application', () => {
    let state = s19();
    state = applied(deploy(state, { application: 'other', charm: CHARMS.logsrc })).state;
    state = applied(integrate(state, { endpoints: ['other', 'logger'] })).state;
    const refusal = refused(enterScope(state, { unit: 'logger/0', relationId: 1 }));
    assert.equal(
      refusal.message,
      'unit "logger/0" cannot enter the scope of relation "logger:logging other:logging"',
    );
  });

  it('scopes a subordinate unit by its principal', () => {
    assert.equal(membershipOf(s19(), 0, 'logger/1')?.scopeKey, 'r#0#app/1');
  });
});

describe('R3.10 leaving scope', () => {
  it('removes the membership, keeps the bag and lowers the count', () => {
    const { state } = applied(leaveScope(s1(), { unit: 'app/1', relationId: 0 }));
    assert.equal(membershipOf(state, 0, 'app/1'), undefined);
    assert.equal(unitBag(state, 0, 'app/1').values.get('private-address') !== undefined, true);
    assert.equal(state.relations.get(0)?.unitCount, 2);
  });

  it('does nothing for a unit not in scope or a relation that is gone', () => {
    assert.deepEqual(
      applied(leaveScope(s1({ inScope: false }), { unit: 'app/1', relationId: 0 })).changes,
      [],
    );
    assert.deepEqual(applied(leaveScope(s1(), { unit: 'app/1', relationId: 7 })).changes, []);
  });

  it('R3.13: the last unit out of a Dying relation removes it and every bag', () => {
    let state = applied(removeRelation(s1(), { relationId: 0 })).state;
    state = applied(leaveScope(state, { unit: 'app/0', relationId: 0 })).state;
    state = applied(leaveScope(state, { unit: 'app/1', relationId: 0 })).state;
    assert.equal(state.relations.get(0)?.unitCount, 1);
    const last = applied(leaveScope(state, { unit: 'db/0', relationId: 0 }));
    assert.equal(last.state.relations.has(0), false);
    assert.equal(last.state.bags.has(0), false);
    const removedBags = last.changes.filter(
      (change) => change.kind === 'bag' && change.bag === undefined,
    );
    assert.equal(removedBags.length, 5);
  });
});
