/**
 * The API of a real controller process (DESIGN "Reliability rules", R4.8): calls without the
 * token are refused, malformed bodies get 400 naming the field, and forged hook commits change
 * nothing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { initialUniterState, unitHook } from '@loom/core';
import {
  ApiCallError,
  EMPTY_HOOK_COMMIT,
  encodeHook,
  encodeUniterState,
  readCredentials,
} from '@loom/protocol';
import type { ApiClient, HookCommitDocument } from '@loom/protocol';

import { bootstrapHome, FIXTURE_CHARMS, writeCharm } from './controller-home.js';
import type { ControllerHome } from './controller-home.js';

const model = 'default';

async function post(address: string, path: string, body: string, token?: string) {
  const response = await fetch(new URL(path, address), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
    },
    body,
  });
  return { status: response.status, body: await response.json() };
}

describe('the API of a running controller', () => {
  let controller: ControllerHome;
  let client: ApiClient;
  before(async () => {
    controller = await bootstrapHome({ LOOM_MACHINE_AGENTS: 'off' });
    client = await controller.client();
    const charms = {
      db: await writeCharm(controller.scratch, 'dbcharm', FIXTURE_CHARMS.dbcharm),
      web: await writeCharm(controller.scratch, 'webcharm', FIXTURE_CHARMS.webcharm),
    };
    await client.call('deploy', { model, application: 'db', charm: { path: charms.db } });
    await client.call('deploy', {
      model,
      application: 'app',
      charm: { path: charms.web },
      numUnits: 2,
    });
    for (const unit of ['db/0', 'app/0', 'app/1']) {
      await client.call('agent/start', { model, unit });
      await client.call('agent/claim-leadership', { model, unit });
    }
    await client.call('integrate', { model, endpoints: ['app', 'db'] });
    for (const unit of ['db/0', 'app/0', 'app/1'])
      await client.call('agent/run-operation', {
        model,
        unit,
        operation: {
          kind: 'enter-scope',
          relationId: 0,
          endpoint: 'database',
          remoteApplication: unit.startsWith('db') ? 'app' : 'db',
          peer: false,
          implicit: false,
        },
        uniterState: encodeUniterState(initialUniterState(unit)),
        ingressAddress: '10.0.0.1',
      });
  });
  after(() => controller.dispose());

  it('refuses calls without the token, or with another one, and changes nothing', async () => {
    const { address, token } = await readCredentials(controller.home);
    const before = await client.call('export-model', { model });
    for (const forged of [undefined, 'f'.repeat(64), `${token}x`]) {
      const reply = await post(address, '/api/v1/add-model', '{"name":"intruder"}', forged);
      assert.equal(reply.status, 401);
      assert.deepEqual(reply.body, {
        code: 'unauthorized',
        message:
          'missing or wrong API token: send "Authorization: Bearer <token>" with the token from the api-token file in LOOM_HOME',
      });
    }
    assert.deepEqual(
      (await client.call('models', {})).models.map((listed) => listed.name),
      ['default'],
    );
    assert.deepEqual(await client.call('export-model', { model }), before);
  });

  it('answers a malformed body with 400 and a message naming the field', async () => {
    const { address, token } = await readCredentials(controller.home);
    const wrongType = await post(
      address,
      '/api/v1/add-unit',
      JSON.stringify({ model, application: 'db', numUnits: 'two' }),
      token,
    );
    assert.equal(wrongType.status, 400);
    assert.deepEqual(wrongType.body, {
      code: 'bad-request',
      message: 'invalid "add-unit" request: field "numUnits": expected number, received string',
    });
    const unknown = await post(
      address,
      '/api/v1/add-unit',
      JSON.stringify({ model, application: 'db', count: 2 }),
      token,
    );
    assert.equal(unknown.status, 400);
    assert.match(
      (unknown.body as { message: string }).message,
      /^invalid "add-unit" request: field "count": unknown field; remove it$/,
    );
    const notJson = await post(address, '/api/v1/add-unit', '{"model":', token);
    assert.equal(notJson.status, 400);
    assert.equal((notJson.body as { code: string }).code, 'bad-request');
  });

  it("refuses a forged write to another unit's bag and an app-bag write by a non-leader", async () => {
    const before = await client.call('export-model', { model });
    const commit = (unit: string, changes: Partial<HookCommitDocument>) =>
      client.call('agent/commit-hook', {
        model,
        unit,
        hook: encodeHook(unitHook('install')),
        commit: { ...EMPTY_HOOK_COMMIT, ...changes },
        uniterState: { ...encodeUniterState(initialUniterState(unit)), installed: true },
      });
    const refused = (message: string) => (error: unknown) =>
      error instanceof ApiCallError && error.status === 403 && error.message === message;
    await assert.rejects(
      commit('app/0', {
        relationSettings: [
          { relationId: 0, owner: { kind: 'unit', name: 'db/0' }, settings: { host: 'evil' } },
        ],
      }),
      refused('permission denied'),
    );
    await assert.rejects(
      commit('app/1', {
        relationSettings: [
          { relationId: 0, owner: { kind: 'application', name: 'app' }, settings: { url: 'x' } },
        ],
      }),
      refused('prerequisites failed: "app/1" is not leader of "app"'),
    );
    assert.deepEqual(await client.call('export-model', { model }), before);
  });
});
