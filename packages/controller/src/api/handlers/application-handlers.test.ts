/**
 * Operations through the API: each is core's operation in one transaction, so the controller's
 * model always equals the same operations replayed through core.
 */
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import {
  addUnit,
  CHARM_FILE_NAMES,
  configureApplication,
  deploy,
  emptyModel,
  integrate,
  loadCharm,
  removeRelation,
  removeUnit,
} from '@loom/core';
import type { CharmFiles, CharmMetadata, ModelState, OperationResult } from '@loom/core';
import { ApiCallError, encodeModel } from '@loom/protocol';

import { CHARM_UPLOADS, startTestController } from '../../test-support/test-controller.js';
import type { TestController } from '../../test-support/test-controller.js';

function metadataOf(upload: { files: { path: string; content: string }[] }): CharmMetadata {
  const files: CharmFiles = {};
  for (const name of CHARM_FILE_NAMES) {
    const file = upload.files.find((candidate) => candidate.path === name);
    if (file !== undefined) files[name] = Buffer.from(file.content, 'base64').toString('utf8');
  }
  const result = loadCharm(files);
  assert.ok(result.ok);
  return result.metadata;
}

function must(state: ModelState, result: OperationResult<unknown>): ModelState {
  assert.ok(result.ok, result.ok ? '' : result.message);
  return result.state;
}

describe('application operations through the API', () => {
  let test: TestController;
  let directory: string;
  before(async () => {
    test = await startTestController();
    directory = await mkdtemp(join(tmpdir(), 'loom-charm-'));
  });
  after(async () => {
    await test.close();
    await rm(directory, { recursive: true, force: true });
  });

  it('deploys a charm directory referenced by path, keeping all its files', async () => {
    const charm = join(directory, 'db');
    await mkdir(join(charm, 'hooks'), { recursive: true });
    await writeFile(join(charm, 'metadata.yaml'), 'name: pathcharm\nsummary: s\ndescription: d\n');
    await writeFile(join(charm, 'hooks', 'install'), '#!/bin/sh\n', { mode: 0o755 });
    const deployed = await test.client.call('deploy', {
      model: 'default',
      application: 'bypath',
      charm: { path: charm },
    });
    assert.deepEqual(deployed, {
      application: 'bypath',
      charmUrl: 'local:pathcharm-0',
      units: ['bypath/0'],
      peerRelations: [],
    });
    const stored = await test.client.call('agent/charm', {
      model: 'default',
      application: 'bypath',
    });
    assert.deepEqual(
      stored.files.map((file) => [file.path, file.mode.toString(8)]),
      [
        ['hooks/install', '755'],
        ['metadata.yaml', '644'],
      ],
    );
    await test.client.call('remove-application', { model: 'default', application: 'bypath' });
  });

  it('refuses an invalid charm or a missing directory with what to fix', async () => {
    await assert.rejects(
      test.client.call('deploy', {
        model: 'default',
        application: 'broken',
        charm: {
          files: [
            {
              path: 'metadata.yaml',
              mode: 0o644,
              content: Buffer.from('summary: x\n').toString('base64'),
            },
          ],
        },
      }),
      (error: unknown) =>
        error instanceof ApiCallError &&
        error.status === 400 &&
        /^cannot deploy an invalid charm:\nmetadata\.yaml:\d+:\d+: error \[/.test(error.message),
    );
    await assert.rejects(
      test.client.call('deploy', {
        model: 'default',
        application: 'gone',
        charm: { path: join(directory, 'nope') },
      }),
      /charm directory ".*nope" not found; give the path of a directory holding metadata.yaml or charmcraft.yaml/,
    );
  });

  it('keeps the model equal to the same operations replayed through core', async () => {
    const { client } = test;
    const model = 'replay';
    await client.call('add-model', { name: model });
    const db = metadataOf(CHARM_UPLOADS.db);
    const web = metadataOf(CHARM_UPLOADS.web);
    let state = emptyModel(model);

    await client.call('deploy', { model, application: 'db', charm: CHARM_UPLOADS.db, numUnits: 2 });
    state = must(
      state,
      deploy(state, { application: 'db', charm: db, numUnits: 2, charmUrl: 'local:dbcharm-0' }),
    );
    const second = await client.call('deploy', {
      model,
      application: 'db2',
      charm: CHARM_UPLOADS.db,
      numUnits: 0,
    });
    assert.equal(second.charmUrl, 'local:dbcharm-1');
    state = must(
      state,
      deploy(state, { application: 'db2', charm: db, numUnits: 0, charmUrl: 'local:dbcharm-1' }),
    );
    await client.call('deploy', { model, application: 'app', charm: CHARM_UPLOADS.web });
    state = must(
      state,
      deploy(state, { application: 'app', charm: web, charmUrl: 'local:webcharm-0' }),
    );
    assert.deepEqual(await client.call('integrate', { model, endpoints: ['app', 'db'] }), {
      relationId: 0,
      key: 'app:database db:database',
    });
    state = must(state, integrate(state, { endpoints: ['app', 'db'] }));
    assert.deepEqual(await client.call('add-unit', { model, application: 'app', numUnits: 2 }), {
      units: ['app/1', 'app/2'],
    });
    state = must(state, addUnit(state, { application: 'app', numUnits: 2 }));
    await client.call('configure', { model, application: 'db', settings: { tick: 5 } });
    state = must(state, configureApplication(state, { application: 'db', settings: { tick: 5 } }));
    await client.call('remove-unit', { model, units: ['app/2'] });
    state = must(state, removeUnit(state, { units: ['app/2'] }));
    await client.call('remove-relation', { model, relationId: 0 });
    state = must(state, removeRelation(state, { relationId: 0 }));

    const exported = await client.call('export-model', { model });
    assert.deepEqual(exported.model, JSON.parse(JSON.stringify(encodeModel(state))));
    assert.equal(exported.revision, 8);
  });

  it('shows config with where each value comes from', async () => {
    const config = await test.client.call('config', { model: 'replay', application: 'db' });
    assert.deepEqual(config, {
      application: 'db',
      charm: 'dbcharm',
      settings: { tick: { type: 'int', description: '', default: 0, value: 5, source: 'user' } },
    });
    await test.client.call('configure', {
      model: 'replay',
      application: 'db',
      settings: { tick: null },
    });
    const reset = await test.client.call('config', { model: 'replay', application: 'db' });
    assert.equal(reset.settings.tick?.source, 'default');
    await assert.rejects(
      test.client.call('configure', { model: 'replay', application: 'db', settings: { nope: 1 } }),
      (error: unknown) => error instanceof ApiCallError && error.status === 400,
    );
  });

  it('reports status: applications with charm revisions, units, machines and relations', async () => {
    await test.client.call('integrate', { model: 'replay', endpoints: ['app', 'db2'] });
    const status = await test.client.call('status', { model: 'replay' });
    assert.equal(status.model.name, 'replay');
    assert.deepEqual(
      status.applications.map((application) => [
        application.name,
        application.charmUrl,
        application.charmRevision,
        application.scale,
      ]),
      [
        ['app', 'local:webcharm-0', 0, 2],
        ['db', 'local:dbcharm-0', 0, 2],
        ['db2', 'local:dbcharm-1', 1, 0],
      ],
    );
    assert.deepEqual(status.applications[0]?.relations, {
      database: [{ application: 'db2', interface: 'pgsql', scope: 'global' }],
    });
    assert.deepEqual(
      status.units.map((unit) => [unit.name, unit.machine, unit.agentStatus.current]),
      [
        ['app/0', '2', 'allocating'],
        ['app/1', '3', 'allocating'],
        ['db/0', '0', 'allocating'],
        ['db/1', '1', 'allocating'],
      ],
    );
    assert.deepEqual(
      status.relations.map((relation) => [relation.id, relation.key, relation.interface]),
      [[1, 'app:database db2:database', 'pgsql']],
    );
  });
});
