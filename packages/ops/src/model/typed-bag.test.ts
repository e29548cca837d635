/**
 * Typed relation data (Relation.load / Relation.save, issue "Step 7"): fields JSON-decoded and
 * checked with zod, errors naming every field at fault, saves checked before anything is written,
 * a field without a value deleted, and the access rules of spec/ops-api.md §2 still applied.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { z } from 'zod';

import { HookToolBackend } from '../backend/hook-tool-backend.js';
import { BagRunner } from '../test-support/bag-runner.js';
import { RelationDataAccessError, RelationDataSchemaError } from './errors.js';
import { RelationData } from './relation-data.js';
import { loadBag, saveBag } from './typed-bag.js';

const Db = z.object({
  host: z.string(),
  port: z.number().int(),
  tags: z.array(z.string()).optional(),
});
const WHERE = 'the bag of application "pg" in relation db:3';

function bags(remote: Record<string, string>, options: { leader?: boolean } = {}) {
  const runner = new BagRunner({ pg: remote, demo: { host: '"old"', tags: '["a"]' } });
  const data = new RelationData(
    [
      { name: 'demo', isApp: true },
      { name: 'pg', isApp: true },
    ],
    { endpoint: 'db', id: 3 },
    new HookToolBackend(runner),
    {
      unit: 'demo/0',
      app: 'demo',
      relationApp: 'pg',
      relationName: 'db',
      hookRunning: true,
      isLeader: () => Promise.resolve(options.leader ?? true),
    },
  );
  return { data, runner, writes: () => runner.calls.filter((c) => c.startsWith('relation-set')) };
}

describe('typed relation data', () => {
  it('loads the schema fields JSON-decoded, leaving other keys out', async () => {
    const { data } = bags({ host: '"10.0.0.4"', port: '5432', 'egress-subnets': '10.0.0.4/32' });
    assert.deepEqual(await loadBag(data.app('pg'), Db, WHERE), { host: '10.0.0.4', port: 5432 });
  });

  it('names every field that is not JSON or does not fit, and the bag', async () => {
    const { data } = bags({ host: 'db.internal', port: '"5432"', tags: '[1]' });
    const error = await loadBag(data.app('pg'), Db, WHERE).then(
      () => assert.fail('loaded'),
      (caught: unknown) => caught,
    );
    assert.ok(error instanceof RelationDataSchemaError);
    assert.deepEqual(
      error.problems.map((problem) => problem.field),
      ['host', 'port', 'tags.0'],
    );
    assert.match(error.message, /^the bag of application "pg" in relation db:3 does not fit/);
    assert.match(error.message, /field "host": "db.internal" is not JSON; the writer must store/);
    assert.match(error.message, /field "port": Invalid input: expected number, received string/);
  });

  it('reports a missing required field by name', async () => {
    const { data } = bags({ port: '1' });
    await assert.rejects(loadBag(data.app('pg'), Db, WHERE), /field "host": .*received undefined/);
  });

  it('saves each field JSON-encoded in one relation-set, deleting schema fields left out', async () => {
    const { data, writes } = bags({});
    await saveBag(data.app('demo'), { host: 'h', port: 5432 }, Db, 'ours');
    assert.deepEqual(writes(), [
      'relation-set -r db:3 --app --file - {"host":"\\"h\\"","port":"5432","tags":""}',
    ]);
    assert.deepEqual(await data.app('demo').toObject(), { host: '"h"', port: '5432' });
  });

  it('writes nothing when the value does not fit the schema', async () => {
    const { data, writes } = bags({});
    await assert.rejects(
      saveBag(data.app('demo'), { host: 'h', port: 1.5 }, Db, 'ours'),
      (error: unknown) =>
        error instanceof RelationDataSchemaError &&
        error.message.startsWith('cannot save into ours: field "port": '),
    );
    assert.deepEqual(writes(), []);
  });

  it('without a schema writes the keys given, undefined deleting one', async () => {
    const { data, writes } = bags({});
    await saveBag(data.app('demo'), { endpoints: ['a', 'b'], host: undefined }, undefined, 'ours');
    assert.deepEqual(writes(), [
      'relation-set -r db:3 --app --file - {"endpoints":"[\\"a\\",\\"b\\"]","host":""}',
    ]);
  });

  it('names a field that has no JSON form', async () => {
    const { data, writes } = bags({});
    await assert.rejects(
      saveBag(data.app('demo'), { size: 10n }, undefined, 'ours'),
      /field "size": it has no JSON form/,
    );
    await assert.rejects(
      saveBag(data.app('demo'), { hook: () => 1 }, undefined, 'ours'),
      /field "hook": a function has no JSON form/,
    );
    assert.deepEqual(writes(), []);
  });

  it('still applies the access rules: a non-leader cannot save its app bag', async () => {
    const { data, writes } = bags({}, { leader: false });
    await assert.rejects(
      saveBag(data.app('demo'), { host: 'h', port: 1 }, Db, 'ours'),
      RelationDataAccessError,
    );
    assert.deepEqual(writes(), []);
  });
});
