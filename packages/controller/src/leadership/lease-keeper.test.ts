/**
 * Leadership leases (spec §11.2, R5.21): the first alive unit to claim leads; the leader renews;
 * others wait in line; an unrenewed lease hands leadership to the next claimant within the lease
 * time, and a removed leader hands it over at once.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { setImmediate as turn } from 'node:timers/promises';

import { CHARM_UPLOADS, startTestController } from '../test-support/test-controller.js';
import type { TestController } from '../test-support/test-controller.js';

const model = 'default';
const DURATION = 10_000;

describe('leadership leases', () => {
  let test: TestController;
  const claim = (unit: string) => test.client.call('agent/claim-leadership', { model, unit });
  const leader = async () =>
    (await test.client.call('status', { model })).applications.find((app) => app.name === 'cluster')
      ?.leader;
  /** Lets lease timers' commits finish after the fake clock fired them. */
  const settle = async () => {
    for (let round = 0; round < 5; round += 1) await turn();
  };

  beforeEach(async () => {
    test = await startTestController({ leaseDurationMs: DURATION });
    await test.client.call('deploy', {
      model,
      application: 'cluster',
      charm: CHARM_UPLOADS.cluster,
      numUnits: 3,
    });
  });
  afterEach(() => test.close());

  it('grants a vacant lease to the first claimant; the others wait', async () => {
    const now = test.clock.now();
    assert.deepEqual(await claim('cluster/1'), {
      leader: true,
      holder: 'cluster/1',
      expiresAt: now + DURATION,
    });
    assert.deepEqual(await claim('cluster/0'), {
      leader: false,
      holder: 'cluster/1',
      expiresAt: now + DURATION,
    });
    assert.equal(await leader(), 'cluster/1');
  });

  it('keeps the leader while it renews', async () => {
    await claim('cluster/0');
    await claim('cluster/1');
    for (let round = 0; round < 5; round += 1) {
      test.clock.advance(DURATION / 2);
      await settle();
      assert.equal((await claim('cluster/0')).leader, true);
      await claim('cluster/1');
    }
    assert.equal(await leader(), 'cluster/0');
  });

  it('elects the next claimant within the lease time when the leader stops renewing', async () => {
    await claim('cluster/0');
    await claim('cluster/2');
    await claim('cluster/1');
    test.clock.advance(DURATION / 2);
    await settle();
    // cluster/0's agent stops; the others keep claiming.
    await claim('cluster/2');
    await claim('cluster/1');
    assert.equal(await leader(), 'cluster/0');
    test.clock.advance(DURATION / 2);
    await settle();
    assert.equal(await leader(), 'cluster/2');
    assert.equal((await claim('cluster/2')).leader, true);
    assert.equal((await claim('cluster/0')).leader, false);
  });

  it('hands leadership over at once when the leader unit is removed', async () => {
    await claim('cluster/0');
    await claim('cluster/1');
    // Its agent started, so removal goes through Dying (R3.15) and the lease stays until Dead.
    await test.client.call('agent/start', { model, unit: 'cluster/0' });
    await test.client.call('remove-unit', { model, units: ['cluster/0'] });
    assert.equal(await leader(), 'cluster/0');
    await test.client.call('agent/run-operation', {
      model,
      unit: 'cluster/0',
      operation: { kind: 'set-dead' },
      uniterState: {
        unit: 'cluster/0',
        installed: true,
        started: true,
        stopped: true,
        removed: true,
        leader: true,
        configVersion: 0,
        leaderSettingsVersion: null,
        queued: null,
        failed: null,
        resolution: null,
        relations: [],
      },
    });
    await settle();
    assert.equal(await leader(), 'cluster/1');
  });

  it('leaves leadership vacant when the lease runs out and nobody else claims', async () => {
    await claim('cluster/0');
    test.clock.advance(DURATION);
    await settle();
    assert.equal(await leader(), null);
    // A Dying unit is not given a vacant lease.
    await test.client.call('agent/start', { model, unit: 'cluster/1' });
    await test.client.call('remove-unit', { model, units: ['cluster/1'] });
    const dying = (await test.client.call('status', { model })).units.find(
      (unit) => unit.name === 'cluster/1',
    );
    assert.equal(dying?.life, 'dying');
    assert.equal((await claim('cluster/1')).leader, false);
    assert.equal((await claim('cluster/2')).leader, true);
  });
});
