/**
 * deploy, add-unit, integrate, config, status, remove-relation, remove-unit and
 * remove-application through `loom`, against a real controller (machine agents off, so only the
 * commands change the model).
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import type { JujuStatus } from '../output/juju-status.js';
import { RECORDER_CHARM, testHome } from '../test-support/loom-home.js';
import type { TestHome } from '../test-support/loom-home.js';

const env = { LOOM_MACHINE_AGENTS: 'off' };

describe('loom deploy, integrate, config and status', () => {
  let home: TestHome;
  const loom = (...argv: string[]) => home.loom(argv, { env });
  const status = async () =>
    JSON.parse((await loom('status', '--format', 'json')).stdout) as JujuStatus;
  /** unit → machine, from Juju's status shape. */
  const unitsOf = (shown: JujuStatus) =>
    Object.values(shown.applications).flatMap((application) =>
      Object.entries(application.units ?? {}).map(([name, unit]) => ({ name, ...unit })),
    );
  before(async () => {
    home = await testHome();
  });
  after(() => home.dispose());

  it('deploys a charm directory, named by the charm or as given, with -n and --config', async () => {
    const db = await loom('deploy', RECORDER_CHARM, 'db', '--config', 'unit-settings=a=1');
    assert.equal(db.code, 0, db.stderr);
    assert.match(db.stderr, /Deploying "db" from local charm "hook-recorder", revision 0\n$/);
    const named = await loom('deploy', RECORDER_CHARM, '-n', '2');
    assert.match(
      named.stderr,
      /Deploying "hook-recorder" from local charm "hook-recorder", revision 1\n$/,
    );
    const added = await loom('add-unit', 'db', '-n', '2');
    assert.equal(added.stderr, 'Added db/1, db/2\n');
    const shown = await status();
    assert.deepEqual(
      unitsOf(shown).map((unit) => `${unit.name}@${unit.machine}`),
      ['db/0@0', 'db/1@3', 'db/2@4', 'hook-recorder/0@1', 'hook-recorder/1@2'],
    );
    const addresses = Object.values(shown.machines).map((machine) => machine['dns-name']);
    assert.equal(new Set(addresses).size, 5, 'an address per machine');
    assert.deepEqual(
      unitsOf(shown).map((unit) => unit['public-address']),
      ['0', '3', '4', '1', '2'].map((machine) => shown.machines[machine]?.['dns-name']),
    );
    assert.equal((await loom('config', 'db', 'unit-settings')).stdout, 'a=1\n');
  });

  it('refuses a charm directory that does not load, before contacting anything', async () => {
    const result = await loom('deploy', join(RECORDER_CHARM, 'missing'));
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^ERROR ".*missing" does not exist; give a charm directory/);
    const notCharm = await loom('deploy', join(RECORDER_CHARM, '..'));
    assert.equal(notCharm.code, 1);
    assert.match(
      notCharm.stderr,
      /^ERROR cannot deploy ".*": charm is not valid: .*; run "loom charm check .*" for details\n$/,
    );
  });

  it('integrates, shows the integration, and removes it by id', async () => {
    const integrated = await loom('integrate', 'hook-recorder:sink', 'db:source');
    assert.deepEqual(integrated, { code: 0, stdout: '', stderr: '' });
    assert.doesNotMatch((await loom('status')).stdout, /Integration provider/);
    const tables = (await loom('status', '--relations')).stdout;
    assert.match(
      tables,
      /^Model +Controller +Cloud\/Region +Version +SLA +Timestamp\ndefault +loom /,
    );
    assert.match(
      tables,
      /\nApp +Version +Status +Scale +Charm +Channel +Rev +Exposed +Message\ndb +waiting +3 +hook-recorder +0 +no +waiting for machine\n/,
    );
    assert.match(
      tables,
      /\nUnit +Workload +Agent +Machine +Public address +Ports +Message\ndb\/0 +waiting +allocating +0 +127\.\d+\.0\.1 /,
    );
    assert.match(
      tables,
      /\nIntegration provider +Requirer +Interface +Type +Message\n(?:.*\n)*db:source +hook-recorder:sink +recorder +regular\n/,
    );
    assert.deepEqual((await status()).applications.db?.relations?.source, [
      { 'related-application': 'hook-recorder', interface: 'recorder', scope: 'global' },
    ]);
    // Ids are given in order (R2.19): the two peer relations took 0 and 1.
    assert.equal((await loom('remove-relation', '2')).code, 0);
    assert.equal((await status()).applications.db?.relations?.source, undefined);
    // Each side both provides and requires "recorder": two candidates, so Juju asks which.
    const ambiguous = await loom('integrate', 'db', 'hook-recorder');
    assert.equal(ambiguous.code, 1);
    assert.match(ambiguous.stderr, /^ERROR ambiguous relation: "db hook-recorder" could refer to /);
    // `relate` is integrate's other name, as in Juju.
    assert.equal((await loom('relate', 'db:source', 'hook-recorder')).code, 0);
    const again = await loom('integrate', 'db:source', 'hook-recorder:sink');
    assert.equal(again.code, 1);
    assert.match(again.stderr, /^ERROR .*already exists/);
  });

  it('shows an application as juju show-application does', async () => {
    const shown = await loom('show-application', 'db', '--format', 'json');
    assert.equal(shown.code, 0, shown.stderr);
    assert.deepEqual(JSON.parse(shown.stdout), {
      db: {
        charm: 'hook-recorder',
        principal: true,
        exposed: false,
        remote: false,
        life: 'alive',
        'endpoint-bindings': {
          '': 'alpha',
          source: 'alpha',
          sink: 'alpha',
          peers: 'alpha',
          'juju-info': 'alpha',
        },
      },
    });
    assert.match((await loom('show-application', 'db')).stdout, /^db:\n {2}charm: hook-recorder\n/);
    const missing = await loom('show-application', 'nope');
    assert.equal(missing.code, 1);
    assert.equal(
      missing.stderr,
      'ERROR application "nope" not found; run "loom status" to list applications\n',
    );
  });

  it('sets config with key=value and resets with key=', async () => {
    assert.equal((await loom('config', 'db', 'fail-hook=install', 'pause-seconds=5')).code, 0);
    assert.equal((await loom('config', 'db', 'pause-seconds')).stdout, '5\n');
    assert.equal((await loom('config', 'db', 'pause-seconds=')).code, 0);
    assert.equal((await loom('config', 'db', 'pause-seconds')).stdout, '30\n');
    assert.equal((await loom('config', 'db', 'pause-seconds=7', 'fail-hook=start')).code, 0);
    assert.equal((await loom('config', 'db', '--reset', 'pause-seconds,fail-hook')).code, 0);
    assert.equal((await loom('config', 'db', 'pause-seconds')).stdout, '30\n');
    assert.equal((await loom('config', 'db', 'fail-hook')).stdout, '\n');
    const mixed = await loom('config', 'db', 'pause-seconds', '--reset', 'fail-hook');
    assert.equal(mixed.code, 2);
    assert.match(mixed.stderr, /^ERROR cannot show a key and change settings in one command/);
    const bad = await loom('config', 'db', 'pause-seconds=soon');
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /^ERROR .*pause-seconds/);
  });

  it('removes units and applications', async () => {
    assert.equal((await loom('remove-unit', 'db/2')).stderr, 'will remove unit db/2\n');
    assert.equal(
      (await loom('remove-application', 'hook-recorder')).stderr,
      'will remove application hook-recorder\n',
    );
    const units = unitsOf(await status());
    assert.ok(!units.some((unit) => unit.name === 'db/2'));
    assert.ok(
      !units.some(
        (unit) => unit.name.startsWith('hook-recorder/') && unit['juju-status'].life === undefined,
      ),
    );
  });
});
