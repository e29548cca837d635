/**
 * Durability (DESIGN "Reliability rules"): a controller killed with -9 in the middle of a stream
 * of API mutations restarts holding every acknowledged mutation, and the one in flight either
 * wholly or not at all: its model equals the acknowledged mutations replayed through core,
 * possibly followed by the one in flight.
 */
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { isDeepStrictEqual } from 'node:util';
import { after, before, describe, it } from 'node:test';

import { emptyModel } from '@loom/core';
import type { ModelState } from '@loom/core';
import { ControllerUnreachableError, encodeModel } from '@loom/protocol';
import type { ApiClient } from '@loom/protocol';

import { bootstrapHome, FIXTURE_CHARMS, writeCharm } from './controller-home.js';
import type { ControllerHome } from './controller-home.js';
import { metadataOf, randomMutation, replay, seededRandom, send } from './mutations.js';
import type { Mutation } from './mutations.js';

const MODEL = 'default';
const ROUNDS = 4;

describe('a controller killed with -9 during a stream of mutations', () => {
  let controller: ControllerHome;
  before(async () => {
    controller = await bootstrapHome({ LOOM_MACHINE_AGENTS: 'off' });
  });
  after(() => controller.dispose());

  it('restarts with exactly the acknowledged mutations, and the in-flight one whole or absent', async () => {
    const seed = Number(process.env.LOOM_E2E_SEED ?? Date.now() % 1_000_000);
    const random = seededRandom(seed);
    const context = `seed ${seed} (rerun with LOOM_E2E_SEED=${seed})`;
    const setup: Mutation[] = [
      {
        method: 'deploy',
        application: 'db',
        charmPath: await writeCharm(controller.scratch, 'dbcharm', FIXTURE_CHARMS.dbcharm),
        charm: metadataOf(FIXTURE_CHARMS.dbcharm),
        charmUrl: 'local:dbcharm-0',
        numUnits: 2,
      },
      {
        method: 'deploy',
        application: 'app',
        charmPath: await writeCharm(controller.scratch, 'webcharm', FIXTURE_CHARMS.webcharm),
        charm: metadataOf(FIXTURE_CHARMS.webcharm),
        charmUrl: 'local:webcharm-0',
        numUnits: 2,
      },
      { method: 'integrate', endpoints: ['app', 'db'] },
    ];
    let acknowledged: ModelState = emptyModel(MODEL);
    let client = await controller.client();
    for (const mutation of setup) {
      await send(client, MODEL, mutation);
      acknowledged = replay(acknowledged, mutation);
    }
    let tick = 0;
    let acknowledgedCount = setup.length;
    for (let round = 0; round < ROUNDS; round += 1) {
      const pid = await controller.pid();
      const killAfter = 5 + Math.floor(random() * 30);
      let inFlight: Mutation | undefined;
      for (let sent = 0; ; sent += 1) {
        tick += 1;
        const mutation = randomMutation(acknowledged, random, tick);
        const call = send(client, MODEL, mutation);
        if (sent === killAfter) {
          // Somewhere between sending the request and its reply: before, during or after the commit.
          await sleep(random() * 3);
          process.kill(pid, 'SIGKILL');
        }
        try {
          await call;
        } catch (error) {
          assert.ok(error instanceof ControllerUnreachableError, `${context}: ${String(error)}`);
          inFlight = mutation;
          break;
        }
        acknowledged = replay(acknowledged, mutation);
        acknowledgedCount += 1;
      }
      await controller.kill9().catch(() => undefined);
      const restarted = await controller.loom('bootstrap');
      assert.equal(restarted.code, 0, restarted.stderr);
      client = await controller.client();
      acknowledged = await compareWithReplay(client, acknowledged, inFlight, context);
    }
    assert.ok(acknowledgedCount > setup.length + ROUNDS * 5, context);
  });
});

/**
 * Asserts the restarted model is the acknowledged state, or that state plus the in-flight
 * mutation, and returns the one it is.
 */
async function compareWithReplay(
  client: ApiClient,
  acknowledged: ModelState,
  inFlight: Mutation,
  context: string,
): Promise<ModelState> {
  const { model } = await client.call('export-model', { model: MODEL });
  if (isDeepStrictEqual(model, encodeModel(acknowledged))) return acknowledged;
  const withInFlight = replay(acknowledged, inFlight);
  assert.deepEqual(
    model,
    encodeModel(withInFlight),
    `${context}: the restarted model is neither the acknowledged mutations nor those and ${JSON.stringify(inFlight)}`,
  );
  return withInFlight;
}
