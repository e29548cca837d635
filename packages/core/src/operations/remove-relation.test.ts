/**
 * remove-relation (R3.14) and relation destruction (R3.12): matching, peers (S30), empty relations
 * (S31) and Dying ones.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { emptyModel } from '../model/model-state.js';
import { applied, chain, CHARMS, refused } from '../test-support/scenario-charms.js';
import { entered, s1, s11 } from '../test-support/scenario-models.js';
import { deploy } from './deploy.js';
import { integrate } from './integrate.js';
import { removeRelation } from './remove-relation.js';

describe('R3.14 which relation', () => {
  it('matches two endpoint names in either order, with or without endpoint names', () => {
    for (const endpoints of [
      ['app', 'db'],
      ['db', 'app'],
      ['app:database', 'db'],
      ['db:database', 'app:database'],
    ]) {
      assert.equal(applied(removeRelation(s1(), { endpoints })).value.relationId, 0);
    }
  });

  it('matches by relation id', () => {
    assert.equal(applied(removeRelation(s1(), { relationId: 0 })).value.relationId, 0);
  });

  it('refuses names that match nothing, several relations, or a bad count', () => {
    const state = chain(
      emptyModel('m'),
      (current) => deploy(current, { application: 'db', charm: CHARMS.dbcharm2 }),
      (current) => deploy(current, { application: 'app', charm: CHARMS.webcharm }),
      (current) => integrate(current, { endpoints: ['app', 'db:database'] }),
      (current) => integrate(current, { endpoints: ['app', 'db:replica-source'] }),
      (current) => deploy(current, { application: 'other', charm: CHARMS.webcharm }),
    );
    assert.equal(
      refused(removeRelation(state, { endpoints: ['other', 'db'] })).message,
      'relation matching "other db" not found',
    );
    assert.equal(
      refused(removeRelation(state, { endpoints: ['app', 'db'] })).message,
      'ambiguous relation: "app db" could refer to "app:database db:database"; "app:database db:replica-source"',
    );
    assert.equal(
      refused(removeRelation(state, { endpoints: ['app'] })).message,
      'a relation must involve two applications',
    );
    assert.equal(
      refused(removeRelation(state, { endpoints: ['app', 'nope'] })).message,
      'application "nope" not found',
    );
    assert.equal(refused(removeRelation(state, { relationId: 9 })).message, 'relation 9 not found');
  });
});

describe('R3.12 destroying a relation', () => {
  it('S30: refuses a peer relation', () => {
    const refusal = refused(removeRelation(s11(), { relationId: 0 }));
    assert.equal(refusal.message, 'cannot destroy relation "cluster:replicas": is a peer relation');
    assert.equal(refusal.code, 'not-supported');
  });

  it('S31: removes a relation with no unit in scope at once, with its bags', () => {
    const { state, changes } = applied(
      removeRelation(s1({ inScope: false }), { endpoints: ['app', 'db'] }),
    );
    assert.equal(state.relations.has(0), false);
    assert.equal(state.bags.has(0), false);
    assert.deepEqual(
      changes.map((change) => change.kind),
      ['bag', 'bag', 'relation'],
    );
  });

  it('S31: makes a relation with a unit in scope Dying', () => {
    const state = chain(s1({ inScope: false }), ...entered(0, 'db/0'));
    const after = applied(removeRelation(state, { endpoints: ['app', 'db'] })).state;
    assert.equal(after.relations.get(0)?.life, 'dying');
  });

  it('leaves a Dying relation as it is', () => {
    const dying = applied(removeRelation(s1(), { relationId: 0 })).state;
    assert.deepEqual(applied(removeRelation(dying, { relationId: 0 })).changes, []);
  });
});
