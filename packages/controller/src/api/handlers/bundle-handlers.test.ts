/**
 * deploy-bundle through the API: one transaction, one charm upload per path, a dry run that
 * changes nothing, and every problem answered at its line of the bundle.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { readBundle } from '@loom/core';
import type { BundleSpec } from '@loom/core';
import { ApiCallError } from '@loom/protocol';

import {
  CHARM_UPLOADS,
  charmUpload,
  startTestController,
} from '../../test-support/test-controller.js';
import type { TestController } from '../../test-support/test-controller.js';

function bundleOf(text: string): BundleSpec {
  const { bundle, problems } = readBundle('bundle.yaml', text);
  assert.deepEqual(problems, []);
  assert.ok(bundle);
  return bundle;
}

const BUNDLE = bundleOf(`applications:
  db:
    charm: ./db
    num_units: 1
  db2:
    charm: ./db
    num_units: 1
    to: [db/0]
  web:
    charm: ./web
    num_units: 2
  cluster:
    charm: ./cluster
    num_units: 2
relations:
  - [web, db]
`);

const CHARMS = {
  './db': CHARM_UPLOADS.db,
  './web': CHARM_UPLOADS.web,
  './cluster': CHARM_UPLOADS.cluster,
};

describe('deploy-bundle', () => {
  let test: TestController;
  before(async () => {
    test = await startTestController();
  });
  after(() => test.close());

  it('plans without changing anything on a dry run', async () => {
    await test.client.call('add-model', { name: 'dry' });
    const reply = await test.client.call('deploy-bundle', {
      model: 'dry',
      bundle: BUNDLE,
      charms: CHARMS,
      dryRun: true,
    });
    assert.equal(reply.dryRun, true);
    assert.equal(reply.steps.filter((step) => step.kind === 'add-unit').length, 6);
    const status = await test.client.call('status', { model: 'dry' });
    assert.deepEqual(status.applications, []);
  });

  it('deploys the whole bundle in one transaction, one charm revision per path', async () => {
    await test.client.call('add-model', { name: 'whole' });
    const before = (await test.client.call('export-model', { model: 'whole' })).revision;
    const reply = await test.client.call('deploy-bundle', {
      model: 'whole',
      bundle: BUNDLE,
      charms: CHARMS,
    });
    const after = (await test.client.call('export-model', { model: 'whole' })).revision;
    assert.equal(after, before + 1);
    assert.deepEqual(
      reply.steps
        .filter((step) => step.kind === 'deploy')
        .map((step) => [step.application, step.charmUrl]),
      [
        ['cluster', 'local:clustercharm-0'],
        ['db', 'local:dbcharm-0'],
        ['db2', 'local:dbcharm-0'],
        ['web', 'local:webcharm-0'],
      ],
    );
    const status = await test.client.call('status', { model: 'whole' });
    const machineOf = (unit: string) =>
      status.units.find((candidate) => candidate.name === unit)?.machine;
    assert.equal(machineOf('db2/0'), machineOf('db/0'));
    assert.deepEqual(
      status.relations.map((relation) => relation.key),
      ['cluster:replicas', 'web:database db:database'],
    );
  });

  it('answers every problem at its line and changes nothing', async () => {
    await test.client.call('add-model', { name: 'bad' });
    await test.client.call('deploy', {
      model: 'bad',
      application: 'web',
      charm: CHARM_UPLOADS.web,
    });
    const before = (await test.client.call('export-model', { model: 'bad' })).revision;
    const bundle = bundleOf(`applications:
  web:
    charm: ./web
  broken:
    charm: ./broken
  db:
    charm: ./db
    options:
      tick: soon
`);
    await assert.rejects(
      test.client.call('deploy-bundle', {
        model: 'bad',
        bundle,
        charms: { ...CHARMS, './broken': charmUpload({ 'metadata.yaml': 'summary: x\n' }) },
      }),
      (error: unknown) => {
        assert.ok(error instanceof ApiCallError);
        assert.equal(error.status, 400);
        assert.match(
          error.message,
          /^cannot deploy bundle "bundle\.yaml":\nbundle\.yaml:5:5: error \[charm-invalid\] charm "\.\/broken" of application "broken": cannot deploy an invalid charm:/,
        );
        return true;
      },
    );
    const without = bundleOf(`applications:
  web:
    charm: ./web
  db:
    charm: ./db
    options:
      tick: soon
`);
    await assert.rejects(
      test.client.call('deploy-bundle', { model: 'bad', bundle: without, charms: CHARMS }),
      (error: unknown) => {
        assert.ok(error instanceof ApiCallError);
        assert.equal(
          error.message,
          [
            'cannot deploy bundle "bundle.yaml":',
            'bundle.yaml:2:3: error [application-exists] application "web" already exists in the model',
            '    fix: remove it first (loom remove-application web) or rename the application in the bundle',
            'bundle.yaml:6:5: error [bad-option] application "db": option "tick" expected int, got "soon"',
            '    fix: see the charm\'s options with "loom charm check ./db"',
          ].join('\n'),
        );
        return true;
      },
    );
    assert.equal((await test.client.call('export-model', { model: 'bad' })).revision, before);
  });
});
