/**
 * R5.7: what a unit's snapshot holds, and who sees whom (R3.2, R3.3).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { commitBagWrite } from '../operations/bag-write.js';
import { removeRelation } from '../operations/remove-relation.js';
import { applied } from '../test-support/scenario-charms.js';
import { s1, s11 } from '../test-support/scenario-models.js';
import { observedMembers, unitSnapshot } from './unit-snapshot.js';

function relationOf(state: Parameters<typeof unitSnapshot>[0], unit: string) {
  const relation = unitSnapshot(state, unit)?.relations[0];
  assert.ok(relation);
  return relation;
}

describe('R5.7 unit snapshots', () => {
  it('lists the relation with its endpoint, remote application, life and membership', () => {
    const relation = relationOf(s1(), 'app/0');
    assert.deepEqual(
      [
        relation.id,
        relation.key,
        relation.endpoint.name,
        relation.remoteApplication,
        relation.life,
        relation.suspended,
        relation.peer,
        relation.implicit,
        relation.inScope,
      ],
      [0, 'app:database db:database', 'database', 'db', 'alive', false, false, false, true],
    );
  });

  it('R3.2: shows only counterpart members, each with its unit bag version', () => {
    assert.deepEqual(Object.fromEntries(observedMembers(relationOf(s1(), 'app/0'))), { 'db/0': 0 });
    assert.deepEqual(Object.fromEntries(observedMembers(relationOf(s1(), 'db/0'))), {
      'app/0': 0,
      'app/1': 0,
    });
    const written = applied(
      commitBagWrite(s1(), {
        relationId: 0,
        owner: { kind: 'unit', unit: 'db/0' },
        settings: new Map([['host', 'h']]),
      }),
    ).state;
    assert.deepEqual(Object.fromEntries(observedMembers(relationOf(written, 'app/1'))), {
      'db/0': 1,
    });
  });

  it('R3.3: carries the version of the other application bag; a peer unit watches its own', () => {
    const written = applied(
      commitBagWrite(s1(), {
        relationId: 0,
        owner: { kind: 'application', application: 'db' },
        settings: new Map([['x', '1']]),
      }),
    ).state;
    assert.deepEqual(Object.fromEntries(relationOf(written, 'app/0').applicationMembers), {
      db: 1,
    });
    assert.deepEqual(Object.fromEntries(relationOf(written, 'db/0').applicationMembers), {
      app: 0,
    });
    assert.deepEqual(Object.fromEntries(relationOf(s11(), 'cluster/1').applicationMembers), {
      cluster: 0,
    });
  });

  it('shows peers every other peer, never itself', () => {
    assert.deepEqual(
      observedMembers(relationOf(s11(), 'cluster/1')).map(([unit]) => unit),
      ['cluster/0', 'cluster/2'],
    );
    assert.equal(relationOf(s11(), 'cluster/1').remoteApplication, 'cluster');
    assert.equal(relationOf(s11(), 'cluster/1').peer, true);
  });

  it('shows a relation the unit has not entered, and a Dying one', () => {
    assert.equal(relationOf(s1({ inScope: false }), 'app/0').inScope, false);
    const dying = applied(removeRelation(s1(), { relationId: 0 })).state;
    assert.equal(relationOf(dying, 'app/0').life, 'dying');
  });

  it('knows life and leadership', () => {
    const snapshot = unitSnapshot(s1(), 'app/0');
    assert.deepEqual(
      [
        snapshot?.life,
        snapshot?.applicationLife,
        snapshot?.isLeader,
        unitSnapshot(s1(), 'app/1')?.isLeader,
      ],
      ['alive', 'alive', true, false],
    );
    assert.equal(unitSnapshot(s1(), 'nope/0'), undefined);
  });
});
