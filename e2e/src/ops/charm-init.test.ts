/**
 * A charm from `loom charm init`, as a user takes it: its own test passes under `node --test`,
 * `loom charm pack` makes a .charm, and `loom deploy` runs it on real agents — status from
 * config, the leader's greeting in the peer application bag, an action's result.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';

import { controllerForSuite } from '../agents/recorder-suite.js';
import { runProcess } from '../repository.js';

const model = 'default';

describe('a charm made by loom charm init, packed and deployed', () => {
  const suite = controllerForSuite();
  const directory = () => join(suite.controller.scratch, 'greeter');
  const archive = () => join(suite.controller.scratch, 'greeter.charm');

  /** Waits until every greeter unit shows `message`. */
  const settle = async (message: string) => {
    for (const deadline = Date.now() + 120_000; ;) {
      const { units } = await suite.client.call('status', { model });
      if (units.length > 0 && units.every((unit) => unit.workloadStatus.message === message))
        return;
      if (Date.now() > deadline)
        throw new Error(
          `not settled on "${message}": ${units.map((unit) => `${unit.name}: ${unit.workloadStatus.current} ${unit.workloadStatus.message}`).join('; ')}`,
        );
      await sleep(250);
    }
  };

  it('is created, and its own test passes', async () => {
    const created = await suite.controller.loom('charm', 'init', directory());
    assert.equal(created.code, 0, created.stderr);
    const built = await suite.controller.loom('charm', 'build', '--tests', directory());
    assert.equal(built.code, 0, built.stderr);
    const tests = await runProcess(process.execPath, ['--test', 'build/tests/'], {
      cwd: directory(),
      // A test run of its own, not a child of this one.
      env: { NODE_TEST_CONTEXT: undefined },
      timeoutMs: 60_000,
    });
    assert.equal(tests.code, 0, tests.stdout + tests.stderr);
    assert.match(tests.stdout, /# pass 3\n/);
  });

  it('is packed into a .charm that deploys and shows its greeting', async () => {
    const packed = await suite.controller.loom('charm', 'pack', '-o', archive(), directory());
    assert.equal(packed.code, 0, packed.stderr);
    const deployed = await suite.controller.loom('deploy', archive(), '-n', '2');
    assert.equal(deployed.code, 0, deployed.stderr);
    await settle('hello');
  });

  it('follows config, shares it through the peer bag as leader, and answers its action', async () => {
    const configured = await suite.controller.loom('config', 'greeter', 'greeting=hey');
    assert.equal(configured.code, 0, configured.stderr);
    await settle('hey');
    const peers = await suite.exec('greeter/1', 'relation-ids replicas --format=json');
    const [relation = ''] = JSON.parse(peers.stdout) as string[];
    const bag = await suite.exec(
      'greeter/1',
      `relation-get -r ${relation} --app --format=json - greeter`,
    );
    assert.deepEqual(JSON.parse(bag.stdout), { greeting: 'hey' });
    const ran = await suite.controller.loom('run', 'greeter/0', 'greet', 'name=world');
    assert.equal(ran.code, 0, ran.stderr);
    assert.match(ran.stdout, /^message: hey, world$/m);
  });
});
