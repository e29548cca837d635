/**
 * R4.14: which units get `-relation-changed` for a committed bag change.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { applied } from '../test-support/scenario-charms.js';
import { s1, s11, s19 } from '../test-support/scenario-models.js';
import { removeUnit } from '../operations/remove-unit.js';
import { unitsNotifiedOfBagChange } from './bag-watchers.js';

const unit = (name: string) => ({ kind: 'unit', unit: name }) as const;
const app = (name: string) => ({ kind: 'application', application: name }) as const;

describe('R4.14 who is notified of a write', () => {
  it('S2: a unit bag in a global relation notifies every counterpart unit in scope, not the writer', () => {
    assert.deepEqual(unitsNotifiedOfBagChange(s1(), 0, unit('db/0')), ['app/0', 'app/1']);
    assert.deepEqual(unitsNotifiedOfBagChange(s1(), 0, unit('app/1')), ['db/0']);
  });

  it('siblings in a non-peer relation are never notified', () => {
    assert.equal(unitsNotifiedOfBagChange(s1(), 0, unit('app/0')).includes('app/1'), false);
  });

  it('S3: an application bag in a non-peer relation notifies every unit of the other side only', () => {
    assert.deepEqual(unitsNotifiedOfBagChange(s1(), 0, app('db')), ['app/0', 'app/1']);
    assert.deepEqual(unitsNotifiedOfBagChange(s1(), 0, app('app')), ['db/0']);
  });

  it('S13: a unit bag in a peer relation notifies the other peers', () => {
    assert.deepEqual(unitsNotifiedOfBagChange(s11(), 0, unit('cluster/1')), [
      'cluster/0',
      'cluster/2',
    ]);
  });

  it('S12: a peer application bag notifies every unit, the writing leader included', () => {
    assert.deepEqual(unitsNotifiedOfBagChange(s11(), 0, app('cluster')), [
      'cluster/0',
      'cluster/1',
      'cluster/2',
    ]);
  });

  it('S19: a container relation notifies only the counterpart in the same container', () => {
    assert.deepEqual(unitsNotifiedOfBagChange(s19(), 0, unit('app/0')), ['logger/0']);
    assert.deepEqual(unitsNotifiedOfBagChange(s19(), 0, unit('logger/1')), ['app/1']);
  });

  it('S19: an application bag of a container relation notifies the other side in every container', () => {
    assert.deepEqual(unitsNotifiedOfBagChange(s19(), 0, app('app')), ['logger/0', 'logger/1']);
  });

  it('does not notify departing units, nor units out of scope', () => {
    const state = applied(removeUnit(s1(), { units: ['app/1'] })).state;
    assert.deepEqual(unitsNotifiedOfBagChange(state, 0, unit('db/0')), ['app/0']);
    assert.deepEqual(unitsNotifiedOfBagChange(s1({ inScope: false }), 0, app('db')), []);
  });
});
