/**
 * `loom deploy` of bundles, packed charms, `--to` and `--config` files, against a real
 * controller (machine agents off, so only the commands change the model).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import type { JujuStatus } from '../output/juju-status.js';
import { bundleWorkspace, RECORDER_CHARM, testHome } from '../test-support/loom-home.js';
import type { TestHome } from '../test-support/loom-home.js';

const env = { LOOM_MACHINE_AGENTS: 'off' };

/** A bundle of three applications: a peer (db), a regular relation, and a subordinate. */
const BUNDLE = `description: three applications
applications:
  db:
    charm: ./charms/recorder
    num_units: 2
    options:
      unit-settings: role=db
  app:
    charm: ./charms/recorder
    num_units: 1
    to: ["0"]
  logger:
    charm: ./charms/subordinate
machines:
  "0": {}
relations:
  - [app:sink, db:source]
  - [logger:sink, app:source]
`;

describe('loom deploy of bundles, archives, --to and --config files', () => {
  let home: TestHome;
  let work: string;
  const loom = (...argv: string[]) => home.loom(argv, { env });
  const status = async (model = 'default') =>
    JSON.parse((await loom('status', '--format', 'json', '-m', model)).stdout) as JujuStatus;
  const placements = (shown: JujuStatus) =>
    Object.values(shown.applications).flatMap((application) =>
      Object.entries(application.units ?? {}).map(([name, unit]) => `${name}@${unit.machine}`),
    );
  before(async () => {
    home = await testHome();
    work = await bundleWorkspace(home, BUNDLE);
  });
  after(() => home.dispose());

  it('shows the changes of a dry run and changes nothing', async () => {
    const dry = await loom('deploy', 'work/bundle.yaml', '--dry-run');
    assert.equal(dry.code, 0, dry.stderr);
    assert.equal(
      dry.stdout,
      [
        'Changes to deploy bundle:',
        '- upload charm ./charms/recorder',
        '- deploy application app from ./charms/recorder',
        '- deploy application db from ./charms/recorder',
        '- upload charm ./charms/subordinate',
        '- deploy application logger from ./charms/subordinate',
        '- add new machine 0',
        '- add unit app/0 to new machine 0',
        '- add new machine 1',
        '- add unit db/0 to new machine 1',
        '- add new machine 2',
        '- add unit db/1 to new machine 2',
        '- add relation app:sink - db:source',
        '- add relation logger:sink - app:source',
        '',
      ].join('\n'),
    );
    assert.deepEqual((await status()).applications, {});
  });

  it('deploys a bundle of three applications in one step', async () => {
    const deployed = await loom('deploy', 'work/bundle.yaml');
    assert.equal(deployed.code, 0, deployed.stderr);
    assert.match(
      deployed.stderr,
      /^Located local charm "hook-recorder", revision 0\nLocated local charm "recorder-subordinate", revision 0\nExecuting changes:\n- upload charm \.\/charms\/recorder\n[^]*- add relation logger:sink - app:source\nDeploy of bundle completed\.\n$/,
    );
    const shown = await status();
    assert.deepEqual(placements(shown), ['app/0@0', 'db/0@1', 'db/1@2']);
    assert.deepEqual(shown.applications.db?.relations, {
      peers: [{ 'related-application': 'db', interface: 'recorder-peers', scope: 'global' }],
      source: [{ 'related-application': 'app', interface: 'recorder', scope: 'global' }],
    });
    assert.deepEqual(shown.applications.logger?.['subordinate-to'], ['app']);
    assert.equal((await loom('config', 'db', 'unit-settings')).stdout, 'role=db\n');
  });

  it('refuses a bundle whose applications exist, at their lines, changing nothing', async () => {
    const again = await loom('deploy', 'work/bundle.yaml');
    assert.equal(again.code, 1);
    assert.equal(
      again.stderr,
      [
        'ERROR cannot deploy bundle "work/bundle.yaml":',
        'work/bundle.yaml:3:3: error [application-exists] application "db" already exists in the model',
        '    fix: remove it first (loom remove-application db) or rename the application in the bundle',
        'work/bundle.yaml:8:3: error [application-exists] application "app" already exists in the model',
        '    fix: remove it first (loom remove-application app) or rename the application in the bundle',
        'work/bundle.yaml:12:3: error [application-exists] application "logger" already exists in the model',
        '    fix: remove it first (loom remove-application logger) or rename the application in the bundle',
        '',
      ].join('\n'),
    );
  });

  it('reports every problem of a malformed bundle with its line', async () => {
    await writeFile(
      join(work, 'broken.yaml'),
      'applications:\n  db:\n    charm: ./charms/missing\n    num_units: -1\n  app:\n    charm: postgresql\nrelations:\n  - [app, nowhere]\n',
    );
    const broken = await loom('deploy', 'work/broken.yaml');
    assert.equal(broken.code, 1);
    assert.match(broken.stderr, /^ERROR cannot deploy bundle "work\/broken\.yaml":\n/);
    assert.deepEqual(
      [...broken.stderr.matchAll(/^work\/broken\.yaml:(\d+):\d+: error \[([a-z-]+)\]/gm)].map(
        (match) => `${match[1]} ${match[2]}`,
      ),
      ['3 charm-invalid', '4 schema', '6 not-local-charm', '8 bad-relation'],
    );
  });

  it('refuses charm options with a bundle as a usage error', async () => {
    const result = await loom('deploy', 'work/bundle.yaml', 'other', '-n', '3');
    assert.equal(result.code, 2);
    assert.match(
      result.stderr,
      /^ERROR an application name, -n, --config and --to apply to a charm, not a bundle/,
    );
  });

  it('places units with --to on deploy and add-unit, and refuses containers', async () => {
    assert.equal((await loom('add-model', 'placed')).code, 0);
    assert.equal((await loom('deploy', RECORDER_CHARM, 'a', '-n', '2')).code, 0);
    const beside = await loom('deploy', RECORDER_CHARM, 'b', '-n', '2', '--to', '1');
    assert.equal(beside.code, 0, beside.stderr);
    assert.equal(
      (await loom('add-unit', 'a', '-n', '2', '--to', '0,2')).stderr,
      'Added a/2, a/3\n',
    );
    assert.deepEqual(placements(await status('placed')), [
      'a/0@0',
      'a/1@1',
      'a/2@0',
      'a/3@2',
      'b/0@1',
      'b/1@2',
    ]);
    const container = await loom('add-unit', 'a', '--to', 'lxd:0');
    assert.equal(container.code, 2);
    assert.match(
      container.stderr,
      /^ERROR --to "lxd:0": Loom places units on existing machines only/,
    );
    const missing = await loom('add-unit', 'a', '--to', '9');
    assert.equal(missing.code, 1);
    assert.equal(missing.stderr, 'ERROR machine 9 not found\n');
  });

  it('reads --config files per application, later values winning', async () => {
    await writeFile(
      join(work, 'config.yaml'),
      'configured:\n  unit-settings: from=file\n  pause-seconds: 5\nother:\n  unit-settings: no\n',
    );
    const deployed = await loom(
      'deploy',
      RECORDER_CHARM,
      'configured',
      '-m',
      'placed',
      '--config',
      'work/config.yaml',
      '--config',
      'app-settings=cli',
    );
    assert.equal(deployed.code, 0, deployed.stderr);
    const config = async (key: string) =>
      (await loom('config', 'configured', key, '-m', 'placed')).stdout;
    assert.equal(await config('unit-settings'), 'from=file\n');
    assert.equal(await config('pause-seconds'), '5\n');
    assert.equal(await config('app-settings'), 'cli\n');
    const none = await loom('deploy', RECORDER_CHARM, 'nothing', '--config', 'work/config.yaml');
    assert.equal(none.code, 2);
    assert.match(
      none.stderr,
      /^ERROR --config "work\/config\.yaml": no settings found for "nothing"/,
    );
  });

  it('deploys a packed .charm archive', async () => {
    const archive = join(work, 'recorder.charm');
    execFileSync('python3', ['-m', 'zipfile', '-c', archive, '.'], {
      cwd: join(work, 'charms', 'recorder'),
    });
    const deployed = await loom('deploy', 'work/recorder.charm', 'packed', '-m', 'placed');
    assert.equal(deployed.code, 0, deployed.stderr);
    assert.match(
      deployed.stderr,
      /^Deploying "packed" from local charm "hook-recorder", revision \d+\n$/,
    );
  });

  it('names a path that does not exist', async () => {
    const missing = await loom('deploy', 'work/nowhere');
    assert.equal(missing.code, 1);
    assert.equal(
      missing.stderr,
      'ERROR "work/nowhere" does not exist; give a charm directory, a .charm archive or a bundle.yaml\n',
    );
  });
});
