/**
 * A machine agent killed with -9 while a hook runs (R4.10, R5.24): the controller starts it
 * again, the hook runs again from the start, what the killed run had buffered never appears, and
 * the units settle as they would have without the crash.
 */
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';

import { processAlive } from '@loom/protocol';

import { agentPid } from './agent-process.js';
import { sequenceOf, settled } from './hook-records.js';
import { controllerForSuite, RECORDER } from './recorder-suite.js';

const model = 'default';

describe('a machine agent killed in the middle of a hook', () => {
  const suite = controllerForSuite();

  it("runs the hook again after restart, and its first run's buffered writes never appear", async () => {
    await suite.client.call('deploy', { model, application: 'db', charm: { path: RECORDER } });
    await suite.client.call('deploy', { model, application: 'app', charm: { path: RECORDER } });
    const { relationId } = await suite.client.call('integrate', {
      model,
      endpoints: ['app:sink', 'db:source'],
    });
    let hooks = await settled(suite.client, model, (recorded) =>
      sequenceOf(recorded, 'app/0').some((hook) => hook.startsWith('sink-relation-changed (db/0)')),
    );
    const before = sequenceOf(hooks, 'app/0').length;

    await suite.client.call('configure', {
      model,
      application: 'db',
      settings: { 'pause-hook': 'config-changed', 'unit-settings': 'crash=survived' },
    });
    // Wait for db/0 to be inside its paused config-changed, with its writes buffered.
    const deadline = Date.now() + 30_000;
    for (;;) {
      const { records } = await suite.client.call('debug-log', {
        model,
        replay: true,
        units: ['db/0'],
      });
      if (records.some((record) => record.message.endsWith('pausing config-changed'))) break;
      assert.ok(Date.now() < deadline, 'db/0 never paused in config-changed');
      await sleep(50);
    }
    const paused = (await suite.client.call('status', { model })).units.find(
      (unit) => unit.name === 'db/0',
    );
    // As in Juju, the agent shows what it runs.
    assert.deepEqual(paused?.agentStatus, {
      current: 'executing',
      message: 'running config-changed hook',
    });
    const machine = paused.machine;
    const pid = await agentPid(suite.controller.home, model, machine);
    assert.ok(pid !== undefined, 'the machine agent runs');
    const bagOfDb = async () => {
      const { model: exported } = await suite.client.call('export-model', { model });
      return exported.bags.find(
        (bag) =>
          bag.relationId === relationId && bag.owner.kind === 'unit' && bag.owner.name === 'db/0',
      )?.values;
    };
    assert.equal((await bagOfDb())?.interrupted, undefined, 'buffered, not written');
    process.kill(pid, 'SIGKILL');
    while (processAlive(pid)) await sleep(10);

    hooks = await settled(
      suite.client,
      model,
      (recorded) =>
        sequenceOf(recorded, 'app/0').slice(before).length > 0 &&
        recorded.filter((hook) => hook.unit === 'db/0' && hook.hook === 'config-changed').length >=
          3,
    );
    const restarted = await agentPid(suite.controller.home, model, machine);
    assert.ok(restarted !== undefined && restarted !== pid, 'the controller started a new agent');
    // db/0: its initial config-changed, the killed run, and the run after the restart.
    assert.equal(
      hooks.filter((hook) => hook.unit === 'db/0' && hook.hook === 'config-changed').length,
      3,
    );
    const values = await bagOfDb();
    assert.ok(values !== undefined);
    assert.equal(values.crash, 'survived');
    assert.equal(values.interrupted, undefined, "the killed run's write never appears");
    // app/0 saw one change of db/0's bag, as without the crash, with the final data.
    assert.deepEqual(
      sequenceOf(hooks, 'app/0')
        .slice(before)
        .filter((hook) => !hook.startsWith('peers-')),
      ['sink-relation-changed (db/0)'],
    );
    const seen = hooks.filter((hook) => hook.unit === 'app/0').at(-1)?.saw;
    assert.ok(seen !== undefined);
    assert.equal(seen.crash, 'survived');
    assert.equal(seen.interrupted, undefined);
    const units = (await suite.client.call('status', { model })).units;
    assert.ok(
      units.every((unit) => unit.agentStatus.current === 'idle'),
      JSON.stringify(units),
    );
  });
});
