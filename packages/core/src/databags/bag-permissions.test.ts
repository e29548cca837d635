/**
 * R4.8: the read/write matrix, row by row, with Juju's error texts (S4).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { s1, s11 } from '../test-support/scenario-models.js';
import { applicationOfUnit, canReadBag, canWriteBag } from './bag-permissions.js';
import type { BagAccess } from './bag-permissions.js';

const regular = s1().relations.get(0)!;
const peer = s11().relations.get(0)!;

function access(
  unit: string,
  isLeader: boolean,
  bag: BagAccess['bag'],
  relation = regular,
): BagAccess {
  return { relation, unit, isLeader, bag };
}

const unitBagOf = (unit: string) => ({ kind: 'unit', unit }) as const;
const appBagOf = (application: string) => ({ kind: 'application', application }) as const;
const allowed = { allowed: true };
const denied = { allowed: false, message: 'permission denied' };

describe('R4.8 non-peer relation', () => {
  for (const isLeader of [true, false]) {
    const who = isLeader ? 'leader' : 'non-leader';
    it(`${who}: reads and writes its own unit bag`, () => {
      assert.deepEqual(canReadBag(access('app/0', isLeader, unitBagOf('app/0'))), allowed);
      assert.deepEqual(canWriteBag(access('app/0', isLeader, unitBagOf('app/0'))), allowed);
    });

    it(`${who}: reads a remote unit bag and a sibling's, but writes neither`, () => {
      assert.deepEqual(canReadBag(access('app/0', isLeader, unitBagOf('db/0'))), allowed);
      assert.deepEqual(canReadBag(access('app/0', isLeader, unitBagOf('app/1'))), allowed);
      assert.deepEqual(canWriteBag(access('app/0', isLeader, unitBagOf('db/0'))), denied);
      assert.deepEqual(canWriteBag(access('app/0', isLeader, unitBagOf('app/1'))), denied);
    });

    it(`${who}: reads the other application's bag but never writes it`, () => {
      assert.deepEqual(canReadBag(access('app/0', isLeader, appBagOf('db'))), allowed);
      assert.deepEqual(canWriteBag(access('app/0', isLeader, appBagOf('db'))), denied);
    });
  }

  it('leader: reads and writes its own application bag', () => {
    assert.deepEqual(canReadBag(access('app/0', true, appBagOf('app'))), allowed);
    assert.deepEqual(canWriteBag(access('app/0', true, appBagOf('app'))), allowed);
  });

  it('S4 non-leader: may not read its own application bag, nor write it', () => {
    assert.deepEqual(canReadBag(access('app/1', false, appBagOf('app'))), denied);
    assert.deepEqual(canWriteBag(access('app/1', false, appBagOf('app'))), {
      allowed: false,
      message: 'cannot write relation settings',
    });
  });

  it('reads nothing of a relation its application is not in, nor bags of outsiders', () => {
    assert.deepEqual(canReadBag(access('web/0', true, unitBagOf('db/0'))), denied);
    assert.deepEqual(canWriteBag(access('web/0', true, unitBagOf('web/0'))), denied);
    assert.deepEqual(canReadBag(access('app/0', true, unitBagOf('web/0'))), denied);
    assert.deepEqual(canReadBag(access('app/0', true, appBagOf('web'))), denied);
  });
});

describe('R4.8 peer relation', () => {
  it('every unit reads its own and its peers unit bags and the application bag', () => {
    for (const isLeader of [true, false]) {
      assert.deepEqual(
        canReadBag(access('cluster/1', isLeader, unitBagOf('cluster/2'), peer)),
        allowed,
      );
      assert.deepEqual(
        canReadBag(access('cluster/1', isLeader, appBagOf('cluster'), peer)),
        allowed,
      );
    }
  });

  it('only the leader writes the application bag', () => {
    assert.deepEqual(canWriteBag(access('cluster/0', true, appBagOf('cluster'), peer)), allowed);
    assert.deepEqual(canWriteBag(access('cluster/1', false, appBagOf('cluster'), peer)), {
      allowed: false,
      message: 'cannot write relation settings',
    });
  });

  it('a unit writes only its own unit bag', () => {
    assert.deepEqual(
      canWriteBag(access('cluster/1', false, unitBagOf('cluster/1'), peer)),
      allowed,
    );
    assert.deepEqual(canWriteBag(access('cluster/1', true, unitBagOf('cluster/2'), peer)), denied);
  });
});

describe('unit names', () => {
  it('name their application before the last slash', () => {
    assert.equal(applicationOfUnit('mysql-router/10'), 'mysql-router');
  });
});
