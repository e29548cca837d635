/**
 * Committing bag writes: delta application, "" deletes (R4.5), null changes bump nothing (R4.6),
 * S2, S3 and S5 at the model level.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { applicationBag, unitBag } from '../model/queries.js';
import { applied, refused } from '../test-support/scenario-charms.js';
import { s1 } from '../test-support/scenario-models.js';
import { commitBagWrite } from './bag-write.js';

const dbUnit = { kind: 'unit', unit: 'db/0' } as const;
const dbApp = { kind: 'application', application: 'db' } as const;

function write(
  state = s1(),
  settings: Record<string, string>,
  owner: typeof dbUnit | typeof dbApp = dbUnit,
) {
  return commitBagWrite(state, {
    relationId: 0,
    owner,
    settings: new Map(Object.entries(settings)),
  });
}

describe('bag writes', () => {
  it('S2: sets keys on top of the existing ones and bumps the version by exactly one', () => {
    const { state, value } = applied(write(undefined, { host: '10.0.0.9', port: '5432' }));
    assert.deepEqual(value, { version: 1, changed: true });
    const bag = unitBag(state, 0, 'db/0');
    assert.equal(bag.values.get('host'), '10.0.0.9');
    assert.equal(bag.values.get('private-address') !== undefined, true);
  });

  it('S3: writes the application bag', () => {
    const { state } = applied(write(undefined, { dbname: 'site' }, dbApp));
    assert.deepEqual(Object.fromEntries(applicationBag(state, 0, 'db').values), { dbname: 'site' });
    assert.equal(applicationBag(state, 0, 'db').version, 1);
  });

  it('R4.5: an empty value deletes the key', () => {
    const first = applied(write(undefined, { host: '10.0.0.9' })).state;
    const { state, value } = applied(write(first, { host: '' }));
    assert.equal(unitBag(state, 0, 'db/0').values.has('host'), false);
    assert.equal(value.version, 2);
  });

  it('R4.6, S5: a write that changes nothing bumps no version and records no change', () => {
    const first = applied(write(undefined, { host: '10.0.0.9' })).state;
    for (const settings of [{ host: '10.0.0.9' }, { tmp: '' }]) {
      const { state, value, changes } = applied(write(first, settings));
      assert.deepEqual(value, { version: 1, changed: false });
      assert.deepEqual(changes, []);
      assert.equal(state, first);
    }
    const appWritten = applied(write(first, { dbname: 'site' }, dbApp)).state;
    assert.deepEqual(applied(write(appWritten, { dbname: 'site' }, dbApp)).changes, []);
  });

  it('refuses a unit out of scope, an application not in the relation, an unknown relation and empty keys', () => {
    assert.equal(
      refused(
        commitBagWrite(s1({ inScope: false }), {
          relationId: 0,
          owner: dbUnit,
          settings: new Map([['a', 'b']]),
        }),
      ).message,
      'unit "db/0" is not in the scope of relation "app:database db:database"',
    );
    assert.equal(
      refused(write(undefined, { a: 'b' }, { kind: 'application', application: 'nope' } as never))
        .message,
      'application "nope" is not in relation "app:database db:database"',
    );
    assert.equal(
      refused(commitBagWrite(s1(), { relationId: 5, owner: dbUnit, settings: new Map() })).message,
      'relation 5 not found',
    );
    assert.equal(
      refused(write(undefined, { '': 'x' })).message,
      'relation settings keys cannot be empty',
    );
  });
});
