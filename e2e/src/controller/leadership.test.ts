/**
 * Leadership leases on a real controller with a short lease (R5.21, spec §11.2): while the
 * leader renews, nobody else leads; when it stops renewing, a waiting unit is elected
 * when the lease runs out. Machine agents are off: the test makes the agents' claims itself.
 */
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';

import type { ApiClient } from '@loom/protocol';

import { bootstrapHome, FIXTURE_CHARMS, writeCharm } from './controller-home.js';
import type { ControllerHome } from './controller-home.js';

const LEASE_MS = 600;
const model = 'default';

describe('leadership on a running controller', () => {
  let controller: ControllerHome;
  let client: ApiClient;
  before(async () => {
    controller = await bootstrapHome({
      LOOM_LEASE_DURATION_MS: String(LEASE_MS),
      LOOM_MACHINE_AGENTS: 'off',
    });
    client = await controller.client();
    const charm = await writeCharm(controller.scratch, 'dbcharm', FIXTURE_CHARMS.dbcharm);
    await client.call('deploy', { model, application: 'db', charm: { path: charm }, numUnits: 2 });
  });
  after(() => controller.dispose());

  const leaderOf = async (application: string) =>
    (await client.call('status', { model })).units.find(
      (unit) => unit.application === application && unit.leader,
    )?.name;

  it('keeps the renewing leader, then elects a waiting unit once the lease runs out', async () => {
    const first = await client.call('agent/claim-leadership', { model, unit: 'db/0' });
    assert.equal(first.leader, true);
    // The leader's agent renews at half the lease; the other unit waits in line, re-claiming.
    let lastExpiry = first.expiresAt ?? 0;
    for (let beat = 0; beat < 6; beat += 1) {
      const waiting = await client.call('agent/claim-leadership', { model, unit: 'db/1' });
      assert.deepEqual(
        { leader: waiting.leader, holder: waiting.holder },
        { leader: false, holder: 'db/0' },
      );
      await sleep(LEASE_MS / 2);
      const renewed = await client.call('agent/claim-leadership', { model, unit: 'db/0' });
      assert.equal(renewed.leader, true, `renewal ${beat}`);
      lastExpiry = renewed.expiresAt ?? 0;
    }
    assert.equal(await leaderOf('db'), 'db/0');

    // db/0's agent stops renewing; db/1 keeps its claim standing.
    await client.call('agent/claim-leadership', { model, unit: 'db/1' });
    let leader = await leaderOf('db');
    while (leader === 'db/0') {
      assert.ok(Date.now() < lastExpiry + LEASE_MS, 'a new leader within the lease time');
      await sleep(20);
      leader = await leaderOf('db');
    }
    assert.ok(Date.now() >= lastExpiry, 'the lease was honoured to its end');
    assert.equal(leader, 'db/1');
    const claimed = await client.call('agent/claim-leadership', { model, unit: 'db/1' });
    assert.equal(claimed.leader, true);
    const former = await client.call('agent/claim-leadership', { model, unit: 'db/0' });
    assert.deepEqual(
      { leader: former.leader, holder: former.holder },
      { leader: false, holder: 'db/1' },
    );
  });
});
