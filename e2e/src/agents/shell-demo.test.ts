/**
 * The shell charm (examples/charms/shell-demo): plain hooks/ and actions/ scripts using Juju's
 * hook tools, no SDK, run by real agents. Two units beside the TypeScript database: each serves
 * on its configured port (open-port), shows the database host it reads from the application bag,
 * publishes itself to a proxy, and its action lists its peer and the leader from leader settings.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';

import { REPOSITORY_ROOT } from '../repository.js';
import { controllerForSuite } from './recorder-suite.js';

const CHARMS = join(REPOSITORY_ROOT, 'examples', 'charms');

describe('the shell-demo charm under real agents', () => {
  const suite = controllerForSuite();

  it('serves, reads the database credentials and is listed by the proxy', async () => {
    const { loom } = suite.controller;
    for (const [charm, units] of [
      ['shell-demo', '2'],
      ['database', '1'],
      ['proxy', '1'],
    ] as const) {
      const built =
        charm === 'shell-demo' ? undefined : await loom('charm', 'build', join(CHARMS, charm));
      assert.ok(built === undefined || built.code === 0, built?.stderr);
      const deployed = await loom('deploy', join(CHARMS, charm), '-n', units);
      assert.equal(deployed.code, 0, deployed.stderr);
    }
    assert.equal((await loom('integrate', 'shell-demo', 'database')).code, 0);
    assert.equal((await loom('integrate', 'proxy', 'shell-demo')).code, 0);
    assert.equal((await loom('wait', '--timeout', '2m')).code, 0);
    const { units } = await suite.client.call('status', { model: 'default' });
    const database = units.find((unit) => unit.name === 'database/0');
    const host = (await suite.exec('database/0', 'unit-get private-address')).stdout.trim();
    assert.ok(database !== undefined);
    for (const name of ['shell-demo/0', 'shell-demo/1']) {
      const unit = units.find((candidate) => candidate.name === name);
      assert.equal(
        unit?.workloadStatus.message,
        `Hello from Loom on :8080, counting visits in ${host}`,
      );
      assert.equal((await suite.exec(name, 'opened-ports')).stdout.trim(), '8080/tcp');
    }
    const proxy = units.find((unit) => unit.name === 'proxy/0');
    assert.match(proxy?.workloadStatus.message ?? '', /^backends: [\d.]+:8080, [\d.]+:8080$/);
  });

  it('answers its action from hook tools: the peer it sees and the leader in leader settings', async () => {
    const ran = await suite.controller.loom('run', 'shell-demo/0', 'show-peers');
    assert.equal(ran.code, 0, ran.stderr);
    assert.match(ran.stdout, /^peers: shell-demo\/1$/m);
    assert.match(ran.stdout, /^leader: shell-demo\/[01]$/m);
  });
});
