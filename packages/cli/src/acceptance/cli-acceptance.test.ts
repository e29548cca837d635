/**
 * Step 6's acceptance, through `loom` against a real controller with real agents running the
 * example shell charms: a bundle of three applications (a peer, a regular relation and a
 * subordinate), `wait`, `status` in every format (json checked against Juju's shape),
 * `show-unit` matching what the hooks wrote, `debug-log` filters, `exec` running relation-get,
 * `resolve` after an injected hook failure, and Juju's messages of S26–S31.
 */
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { parse } from 'yaml';

import type { JujuStatus } from '../output/juju-status.js';
import { jujuStatusSchema } from '../test-support/juju-status-schema.js';
import { bundleWorkspace, testHome } from '../test-support/loom-home.js';
import type { TestHome } from '../test-support/loom-home.js';

const BUNDLE = `applications:
  db:
    charm: ./charms/recorder
    num_units: 2
    options:
      unit-settings: host=db-host
  app:
    charm: ./charms/recorder
    num_units: 1
  logger:
    charm: ./charms/subordinate
relations:
  - [app:sink, db:source]
  - [logger:sink, app:source]
`;

/** The charms of spec §9.0 that the error scenarios use, as metadata.yaml texts. */
const FIXTURES: Record<string, string> = {
  dbcharm: 'provides:\n  database:\n    interface: pgsql\n',
  dbcharm2:
    'provides:\n  database:\n    interface: pgsql\n  replica-source:\n    interface: pgsql\n',
  webcharm: 'requires:\n  database:\n    interface: pgsql\n',
  'webcharm-limited': 'requires:\n  database:\n    interface: pgsql\n    limit: 1\n',
  clustercharm: 'peers:\n  replicas:\n    interface: cluster-peers\n',
};

interface RelationInfo {
  'relation-id': number;
  endpoint: string;
  'related-units'?: Record<string, { data: Record<string, string> }>;
}

describe('loom, end to end with real agents', () => {
  let home: TestHome;
  let work: string;
  const loom = (...argv: string[]) => home.loom(argv);
  const ok = async (...argv: string[]) => {
    const result = await loom(...argv);
    assert.equal(result.code, 0, `loom ${argv.join(' ')}: ${result.stderr}`);
    return result;
  };
  before(async () => {
    home = await testHome();
    work = await bundleWorkspace(home, BUNDLE);
    for (const [name, relations] of Object.entries(FIXTURES)) {
      await mkdir(join(work, name));
      await writeFile(
        join(work, name, 'metadata.yaml'),
        `name: ${name}\nsummary: ${name}\ndescription: ${name}\n${relations}`,
      );
    }
  });
  after(() => home.dispose());

  it('deploys the bundle and waits for every hook to have run', async () => {
    await ok('deploy', 'work/bundle.yaml');
    await ok('wait', '--timeout', '2m');
  });

  it('shows status in every format, in Juju shape', async () => {
    const tabular = (await ok('status', '--relations')).stdout;
    assert.match(tabular, /\nUnit +Workload +Agent +Machine +Public address +Ports +Message\n/);
    assert.match(
      tabular,
      /\napp\/0\* +unknown +idle +0 +127\.\d+\.0\.1 *\n +logger\/0\* +unknown +idle/,
    );
    assert.match(tabular, /\ndb:peers +db:peers +recorder-peers +peer *\n/);
    assert.match(tabular, /\napp:source +logger:sink +recorder +subordinate *\n/);
    const json = JSON.parse((await ok('status', '--format', 'json')).stdout) as unknown;
    const parsed = jujuStatusSchema.safeParse(json);
    assert.ok(parsed.success, JSON.stringify(parsed.error?.issues));
    const yaml = parse((await ok('status', '--format', 'yaml')).stdout) as Record<string, unknown>;
    const withoutTime = (document: unknown) => ({
      ...(document as Record<string, unknown>),
      controller: undefined,
    });
    assert.deepEqual(withoutTime(yaml), withoutTime(json));
    const { applications } = json as JujuStatus;
    assert.deepEqual(Object.keys(applications), ['app', 'db', 'logger']);
    assert.deepEqual(Object.keys(applications.app?.units?.['app/0']?.subordinates ?? {}), [
      'logger/0',
    ]);
    for (const unit of Object.values(applications.db?.units ?? {}))
      assert.equal(unit['juju-status'].current, 'idle');
  });

  it('shows what the hooks wrote with show-unit, and reads it with exec relation-get', async () => {
    const shown = JSON.parse((await ok('show-unit', 'app/0', '--format', 'json')).stdout) as Record<
      string,
      { 'relation-info': RelationInfo[] }
    >;
    const sink = shown['app/0']?.['relation-info'].find((info) => info.endpoint === 'sink');
    assert.ok(sink !== undefined);
    assert.equal(sink['related-units']?.['db/0']?.data.host, 'db-host');
    assert.equal(sink['related-units']['db/1']?.data.host, 'db-host');
    const read = await ok(
      'exec',
      '--unit',
      'app/0',
      '--',
      `relation-get -r ${sink['relation-id']} host db/1`,
    );
    assert.equal(read.stdout, 'db-host\n');
    const asJson = await ok(
      'exec',
      '--unit',
      'app/0',
      '--format',
      'json',
      '--',
      `relation-get -r ${sink['relation-id']} host db/1`,
    );
    assert.deepEqual(JSON.parse(asJson.stdout), {
      'app/0': {
        id: (JSON.parse(asJson.stdout) as Record<string, { id: string }>)['app/0']?.id,
        unit: 'app/0',
        status: 'completed',
        results: { 'return-code': 0, stdout: 'db-host\n', stderr: '' },
      },
    });
    const config = JSON.parse((await ok('config', 'db', '--format', 'json')).stdout) as {
      settings: Record<string, { value?: unknown }>;
    };
    assert.equal(config.settings['unit-settings']?.value, 'host=db-host');
  });

  it('filters debug-log by unit, application and level', async () => {
    const lines = async (...argv: string[]) =>
      (await ok('debug-log', '--replay', '--no-tail', ...argv)).stdout.split('\n').filter(Boolean);
    const ofDb0 = await lines('--include', 'db/0');
    assert.ok(ofDb0.length > 0);
    assert.ok(
      ofDb0.every((line) => line.startsWith('unit-db-0: ')),
      ofDb0.join('\n'),
    );
    const notDb = await lines('--exclude', 'db');
    assert.ok(notDb.some((line) => line.startsWith('unit-app-0: ')));
    assert.ok(notDb.every((line) => !line.startsWith('unit-db-')));
    const records = (await lines('--include', 'db/0', '--format', 'json')).map(
      (line) => JSON.parse(line) as { entity: string; unit: string; level: string },
    );
    assert.equal(records.length, ofDb0.length);
    assert.ok(records.every((record) => record.entity === 'unit-db-0' && record.unit === 'db/0'));
    const warnings = await lines('--level', 'ERROR', '--include', 'app');
    assert.ok(
      warnings.every((line) => / (ERROR|CRITICAL) /.test(line)),
      warnings.join('\n'),
    );
  });

  it('R5.22: wait fails on a unit in error, resolve --no-retry skips the hook', async () => {
    await ok('config', 'app', 'fail-hook=config-changed');
    const failed = await loom('wait', '--timeout', '1m');
    assert.equal(failed.code, 1);
    assert.match(
      failed.stderr,
      /^ERROR app\/0: hook failed: "config-changed"; see "loom debug-log"/,
    );
    await ok('resolve', '--no-retry', 'app/0');
    await ok('config', 'app', 'fail-hook=');
    await ok('wait', '--timeout', '1m');
  });

  it("S26–S31: Juju's messages, and nothing changed", async () => {
    await ok('add-model', 'errors');
    for (const [charm, name, units] of [
      ['dbcharm', 'db', '1'],
      ['webcharm', 'app', '1'],
      ['dbcharm2', 'db2', '1'],
      ['webcharm-limited', 'limited', '1'],
      ['dbcharm', 'db3', '1'],
      ['clustercharm', 'cluster', '1'],
      ['webcharm', 'x', '0'],
    ] as const)
      await ok('deploy', `work/${charm}`, name, '-n', units);
    const refused = async (argv: string[], code: number, message: string) => {
      const result = await loom(...argv);
      assert.deepEqual({ code: result.code, stderr: result.stderr }, { code, stderr: message });
    };
    await ok('integrate', 'app', 'db');
    await refused(
      ['integrate', 'app', 'db'],
      1,
      'ERROR cannot add relation "app:database db:database": relation app:database db:database already exists\n\nUse \'loom status --integrations\' to view the current integrations.\n',
    );
    await refused(
      ['integrate', 'x', 'db2'],
      1,
      'ERROR ambiguous relation: "x db2" could refer to "x:database db2:database"; "x:database db2:replica-source"\n',
    );
    for (const pair of [
      ['app', 'app'],
      ['cluster', 'cluster'],
      ['db', 'cluster'],
    ])
      await refused(['integrate', ...pair], 1, 'ERROR no relations found\n');
    await refused(['integrate', 'app'], 2, 'ERROR an integration must involve two applications\n');
    await ok('integrate', 'limited', 'db');
    await refused(
      ['integrate', 'limited', 'db3'],
      1,
      'ERROR cannot add relation "limited:database db3:database": establishing a new relation for limited:database would exceed its maximum relation limit of 1\n',
    );
    const { applications } = JSON.parse(
      (await ok('status', '--format', 'json')).stdout,
    ) as JujuStatus;
    assert.deepEqual(applications.cluster?.relations, {
      replicas: [{ 'related-application': 'cluster', interface: 'cluster-peers', scope: 'global' }],
    });
    await ok('wait', '--timeout', '1m');
    const peer = (await ok('show-unit', 'cluster/0', '--format', 'json')).stdout;
    const peerId = (JSON.parse(peer) as Record<string, { 'relation-info': RelationInfo[] }>)[
      'cluster/0'
    ]?.['relation-info'][0]?.['relation-id'];
    await refused(
      ['remove-relation', String(peerId)],
      1,
      'ERROR cannot destroy relation "cluster:replicas": is a peer relation\n',
    );
    // S31: a relation of an application without units comes and goes.
    await ok('integrate', 'x', 'db2:database');
    await ok('remove-relation', 'x', 'db2');
    await ok('wait', '--timeout', '1m');
    const relations = (await ok('status', '--relations')).stdout;
    assert.doesNotMatch(relations, /x:database/);
  });
});
