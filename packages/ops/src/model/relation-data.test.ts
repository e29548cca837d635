/**
 * Relation data access (spec/ops-api.md §2), every case: the type checks always, the write and
 * read rules while a hook runs, on every read path (get, has, keys, size, toObject — ops checks
 * only item reads); writes checked before anything is read; only changed keys sent; a relation
 * that is gone reads as empty. The tools are answered from memory by a recording runner.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { HookToolBackend } from '../backend/hook-tool-backend.js';
import { BagRunner } from '../test-support/bag-runner.js';
import type { BagAccessContext, BagOwner } from './bag-access.js';
import { RelationDataAccessError, RelationDataTypeError } from './errors.js';
import { RelationData } from './relation-data.js';

const DB = { endpoint: 'db', id: 3 };
const OWNERS: BagOwner[] = [
  { name: 'demo/0', isApp: false },
  { name: 'demo', isApp: true },
  { name: 'pg/0', isApp: false },
  { name: 'pg', isApp: true },
];

function relationData(
  options: {
    leader?: boolean;
    hookRunning?: boolean;
    relationApp?: string | undefined;
    gone?: boolean;
  } = {},
) {
  const runner = new BagRunner(
    { 'demo/0': { seen: 'yes' }, demo: { token: 't' }, 'pg/0': { host: 'h' }, pg: { url: 'u' } },
    options.gone,
  );
  const access: BagAccessContext = {
    unit: 'demo/0',
    app: 'demo',
    relationApp: 'relationApp' in options ? options.relationApp : 'pg',
    relationName: 'db',
    hookRunning: options.hookRunning ?? true,
    isLeader: () => Promise.resolve(options.leader ?? false),
  };
  const owners =
    access.relationApp === 'demo' ? OWNERS.filter((owner) => !owner.name.startsWith('pg')) : OWNERS;
  return { data: new RelationData(owners, DB, new HookToolBackend(runner), access), runner };
}

/** Every read path of a bag, each expected to fail the same way. */
const READS = [
  (bag: ReturnType<RelationData['app']>) => bag.get('token'),
  (bag: ReturnType<RelationData['app']>) => bag.has('token'),
  (bag: ReturnType<RelationData['app']>) => bag.keys(),
  (bag: ReturnType<RelationData['app']>) => bag.size(),
  (bag: ReturnType<RelationData['app']>) => bag.toObject(),
];

describe('relation data access', () => {
  it('refuses values that are not strings, in a hook or not', async () => {
    for (const hookRunning of [true, false]) {
      const { data } = relationData({ hookRunning });
      await assert.rejects(
        data.unit('demo/0').update({ port: 5432 as unknown as string }),
        (error: Error) =>
          error instanceof RelationDataTypeError &&
          error.message ===
            'relation data values must be strings: "port" is number; encode it first (JSON.stringify, or relation.save with a schema)',
      );
    }
  });

  it("refuses to write the remote application's bag", async () => {
    const { data, runner } = relationData({ leader: true });
    await assert.rejects(data.app('pg').set('x', '1'), {
      name: 'RelationDataAccessError',
      message: 'demo/0 cannot write the data of remote application pg',
    });
    assert.deepEqual(runner.calls, []);
  });

  it("refuses a non-leader's write to its own application's bag before reading anything", async () => {
    const { data, runner } = relationData({ leader: false });
    await assert.rejects(data.app('demo').set('token', 'new'), {
      message: 'demo/0 is not leader and cannot write application data.',
    });
    assert.deepEqual(runner.calls, []);
  });

  it("refuses to write another unit's bag, remote or peer", async () => {
    const { data } = relationData({ leader: true });
    await assert.rejects(data.unit('pg/0').set('x', '1'), {
      message: 'demo/0 cannot write databag of pg/0: not the same unit.',
    });
  });

  it('lets the leader write its application bag and anyone write their own unit bag, sending only changes', async () => {
    const { data, runner } = relationData({ leader: true });
    await data.app('demo').update({ token: 't', other: 'o' });
    await data.unit('demo/0').update({ seen: '', fresh: 'f' });
    assert.deepEqual(await data.unit('demo/0').toObject(), { fresh: 'f' });
    assert.deepEqual(runner.calls, [
      'relation-get --format=json -r db:3 --app - demo',
      'relation-set -r db:3 --app --file - {"other":"o"}',
      'relation-get --format=json -r db:3 - demo/0',
      'relation-set -r db:3 --file - {"seen":"","fresh":"f"}',
    ]);
  });

  it('allows any write outside a hook (test set-up), but still only strings', async () => {
    const { data } = relationData({ hookRunning: false });
    await data.app('pg').set('url', 'changed');
    assert.equal(await data.app('pg').get('url'), 'changed');
  });

  it('lets every unit read unit bags and the remote application bag', async () => {
    const { data } = relationData({ leader: false });
    assert.equal(await data.unit('pg/0').get('host'), 'h');
    assert.equal(await data.unit('demo/0').get('seen'), 'yes');
    assert.equal(await data.app('pg').get('url'), 'u');
  });

  it("refuses a non-leader's read of its own application bag on every read path", async () => {
    const { data } = relationData({ leader: false });
    for (const read of READS) {
      await assert.rejects(read(data.app('demo')), (error: Error) => {
        assert.ok(error instanceof RelationDataAccessError);
        assert.equal(
          error.message,
          'demo/0 is not leader and cannot read its own application databag',
        );
        return true;
      });
    }
  });

  it('lets the leader read every application bag', async () => {
    const { data } = relationData({ leader: true });
    assert.equal(await data.app('demo').get('token'), 't');
    assert.equal(await data.app('pg').size(), 1);
  });

  it('lets a non-leader read the application bag of a peer relation', async () => {
    const { data } = relationData({ leader: false, relationApp: 'demo' });
    assert.deepEqual(await data.app('demo').keys(), ['token']);
  });

  it('refuses application reads while the remote application is unknown', async () => {
    const { data } = relationData({ leader: false, relationApp: undefined });
    await assert.rejects(data.app('pg').has('url'), {
      message:
        'Remote application instance cannot be retrieved for relation db; the relation has no remote application (yet)',
    });
  });

  it('reads a relation that is gone as empty', async () => {
    const { data } = relationData({ gone: true });
    assert.deepEqual(await data.unit('pg/0').toObject(), {});
  });

  it('names the bags a relation shows when asked for another', () => {
    const { data } = relationData();
    assert.throws(() => data.unit('web/0'), {
      message: 'this relation has no bag of unit "web/0"; it shows: demo/0, demo, pg/0, pg',
    });
  });
});
