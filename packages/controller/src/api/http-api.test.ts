/**
 * The HTTP API's boundary: the token on every call, the method and its body checked before
 * anything runs, and failures as `{code, message}` with the right status.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { ApiCallError } from '@loom/protocol';

import { startTestController, CHARM_UPLOADS } from '../test-support/test-controller.js';
import type { TestController } from '../test-support/test-controller.js';

async function post(
  test: TestController,
  path: string,
  body: string,
  headers: Record<string, string> = { authorization: `Bearer ${test.token}` },
  method = 'POST',
) {
  const response = await fetch(new URL(path, test.controller.address), {
    method,
    headers,
    ...(method === 'POST' ? { body } : {}),
  });
  return { status: response.status, body: await response.json() };
}

describe('the HTTP API', () => {
  let test: TestController;
  before(async () => {
    test = await startTestController({ maxBodyBytes: 64 * 1024 });
  });
  after(() => test.close());

  it('refuses a call without the token, or with a wrong one, and runs nothing', async () => {
    for (const headers of [{}, { authorization: 'Bearer wrong' }, { authorization: test.token }]) {
      const reply = await post(test, '/api/v1/add-model', '{"name":"sneaky"}', headers);
      assert.equal(reply.status, 401);
      assert.deepEqual(Object.keys(reply.body as object), ['code', 'message']);
      assert.equal((reply.body as { code: string }).code, 'unauthorized');
    }
    const { models } = await test.client.call('models', {});
    assert.deepEqual(
      models.map((model) => model.name),
      ['default'],
    );
  });

  it('answers 400 naming the field when a body is malformed', async () => {
    const reply = await post(
      test,
      '/api/v1/add-unit',
      '{"model":"default","application":"db","numUnits":"2"}',
    );
    assert.equal(reply.status, 400);
    assert.deepEqual(reply.body, {
      code: 'bad-request',
      message: 'invalid "add-unit" request: field "numUnits": expected number, received string',
    });
    const notJson = await post(test, '/api/v1/models', '{nope');
    assert.equal(notJson.status, 400);
    assert.match((notJson.body as { message: string }).message, /^request body is not JSON: /);
  });

  it('answers 404 for an unknown method, 405 for a method not POSTed, 413 for a body too large', async () => {
    assert.equal((await post(test, '/api/v1/frobnicate', '{}')).status, 404);
    const get = await post(
      test,
      '/api/v1/models',
      '',
      { authorization: `Bearer ${test.token}` },
      'GET',
    );
    assert.equal(get.status, 405);
    const large = await post(
      test,
      '/api/v1/models',
      JSON.stringify({ padding: 'x'.repeat(70 * 1024) }),
    );
    assert.equal(large.status, 413);
    assert.equal((large.body as { code: string }).code, 'payload-too-large');
  });

  it("passes core refusals through with Juju's message and a 4xx status", async () => {
    await test.client.call('deploy', {
      model: 'default',
      application: 'db',
      charm: CHARM_UPLOADS.db,
    });
    await assert.rejects(
      test.client.call('deploy', { model: 'default', application: 'db', charm: CHARM_UPLOADS.db }),
      (error: unknown) =>
        error instanceof ApiCallError &&
        error.status === 409 &&
        error.code === 'already-exists' &&
        error.message === 'cannot add application "db": application already exists',
    );
    await assert.rejects(
      test.client.call('status', { model: 'nowhere' }),
      (error: unknown) =>
        error instanceof ApiCallError &&
        error.status === 404 &&
        error.message === 'model "nowhere" not found; run "loom models" to list models',
    );
    assert.deepEqual(test.reported, []);
  });
});
