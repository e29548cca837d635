/**
 * `loom models`, `loom add-model` and `loom destroy-model`, with the controller started
 * implicitly by the first command that needs it.
 */
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';

import { runningControllerPid } from '@loom/protocol';

import { testHome } from '../test-support/loom-home.js';
import type { TestHome } from '../test-support/loom-home.js';

let current: TestHome | undefined;
afterEach(async () => {
  await current?.dispose();
  current = undefined;
});

describe('loom models', () => {
  it('starts a controller on first use and lists its models, marking the current one', async () => {
    current = await testHome();
    const { home, loom } = current;
    const first = await loom(['models']);
    assert.equal(first.code, 0, first.stderr);
    const pid = await runningControllerPid(home);
    assert.equal(first.stderr, `Started controller "loom" in ${home} (pid ${String(pid)})\n`);
    assert.match(
      first.stdout,
      /^Controller: loom\n\nModel {5}Status {5}Machines {2}Apps {2}Units {2}Revision {2}Created\ndefault\* {2}available {9}0 {5}0 {6}0 {9}0 {2}\d{4}-\d\d-\d\dT/,
    );

    const added = await loom(['add-model', 'staging']);
    assert.deepEqual(added, {
      code: 0,
      stdout: '',
      stderr: `Added 'staging' model on controller "loom"\n`,
    });
    const listed = await loom(['models'], { env: { LOOM_MODEL: 'staging' } });
    assert.equal(listed.stderr, '', 'no second start');
    assert.match(listed.stdout, /\ndefault {3}available.*\nstaging\* {2}available/);
    const json = JSON.parse((await loom(['models', '--format', 'json'])).stdout) as {
      models: { name: string; units: number; applications: number }[];
      'current-model': string;
    };
    // As in Juju, the added model became the current one.
    assert.equal(json['current-model'], 'staging');
    assert.deepEqual(
      json.models.map(({ name, units, applications }) => ({ name, units, applications })),
      [
        { name: 'default', units: 0, applications: 0 },
        { name: 'staging', units: 0, applications: 0 },
      ],
    );
  });

  it('switches the current model, which -m and LOOM_MODEL still override', async () => {
    current = await testHome();
    const { loom } = current;
    assert.deepEqual(await loom(['switch']), { code: 0, stdout: 'loom:default\n', stderr: '' });
    await loom(['add-model', 'staging']);
    assert.equal((await loom(['switch'])).stdout, 'loom:staging\n');
    const back = await loom(['switch', 'default']);
    assert.deepEqual(back, {
      code: 0,
      stdout: '',
      stderr: 'loom:staging -> loom:default\n',
    });
    assert.equal((await loom(['switch', 'staging'])).code, 0);
    assert.match((await loom(['status'])).stdout, /^Model +Controller.*\nstaging +loom /);
    assert.match((await loom(['status', '-m', 'default'])).stdout, /\ndefault +loom /);
    const env = { LOOM_MODEL: 'default' };
    assert.equal((await loom(['switch'], { env })).stdout, 'loom:default\n');
    const unknown = await loom(['switch', 'nope']);
    assert.equal(unknown.code, 1);
    assert.equal(
      unknown.stderr,
      'ERROR model "nope" not found; run "loom models" to list models, or "loom add-model nope" to add it\n',
    );
    // Destroying the current model goes back to "default".
    assert.equal((await loom(['destroy-model', 'staging', '-y'])).code, 0);
    assert.equal((await loom(['switch'])).stdout, 'loom:default\n');
  });

  it("refuses a bad or taken model name with the controller's message", async () => {
    current = await testHome();
    const { loom } = current;
    const bad = await loom(['add-model', 'Prod']);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /ERROR invalid "add-model" request: field "name": .*\n$/);
    const taken = await loom(['add-model', 'default']);
    assert.equal(taken.code, 1);
    assert.match(taken.stderr, /ERROR model "default" already exists/);
  });

  it('destroys a model only when confirmed', async () => {
    current = await testHome();
    const { loom } = current;
    await loom(['add-model', 'scratch']);
    const unconfirmed = await loom(['destroy-model', 'scratch']);
    assert.equal(unconfirmed.code, 1);
    assert.match(
      unconfirmed.stderr,
      /ERROR "loom destroy-model scratch" would destroy the "scratch" model and every application, unit and integration in it; there is no terminal to confirm on, so add -y to go ahead\n$/,
    );
    const declined = await loom(['destroy-model', 'scratch'], { answers: [false] });
    assert.match(declined.stderr, /ERROR loom destroy-model scratch aborted\n$/);
    const destroyed = await loom(['destroy-model', 'scratch', '--no-prompt']);
    assert.deepEqual(destroyed, {
      code: 0,
      stdout: '',
      stderr: 'Destroying model\nModel "scratch" destroyed\n',
    });
    const missing = await loom(['destroy-model', 'scratch', '-y']);
    assert.equal(missing.code, 1);
    assert.equal(
      missing.stderr,
      'ERROR model "scratch" not found; run "loom models" to list models\n',
    );
  });
});
