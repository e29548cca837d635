/**
 * Deploying bundles: all of it in one change set, placement, peer relation ids first (R2.20),
 * and every refusal of the model at its line with nothing applied.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import type { CharmMetadata } from '../charm/metadata.js';
import { applyChanges } from '../model/apply-changes.js';
import { emptyModel } from '../model/model-state.js';
import { entitiesOf } from '../test-support/model-invariants.js';
import { applied, CHARMS } from '../test-support/scenario-charms.js';
import { deploy } from '../operations/deploy.js';
import type { BundleSpec } from './bundle.js';
import { deployBundle } from './deploy-bundle.js';
import type { BundleCharm } from './deploy-bundle.js';
import { readBundle } from './read-bundle.js';

function bundleOf(text: string): BundleSpec {
  const { bundle, problems } = readBundle('bundle.yaml', text);
  assert.deepEqual(problems, []);
  assert.ok(bundle);
  return bundle;
}

function charmsOf(charms: Record<string, CharmMetadata>): Map<string, BundleCharm> {
  return new Map(
    Object.entries(charms).map(([application, metadata]) => [
      application,
      { metadata, charmUrl: `local:${metadata.name}-0` },
    ]),
  );
}

const PEER_REGULAR_SUBORDINATE = `applications:
  web:
    charm: ./web
    num_units: 2
  db:
    charm: ./db
    num_units: 1
    options:
      tick: 3
  cluster:
    charm: ./cluster
    num_units: 2
    to: [web/0, "1"]
  logger:
    charm: ./logger
  src:
    charm: ./logsrc
    num_units: 1
    to: ["1"]
machines:
  "1": {}
relations:
  - [web, db]
  - [logger:logging, src:logging]
`;

const CHARMS_OF_IT = charmsOf({
  web: CHARMS.webcharm,
  db: CHARMS.dbcharm,
  cluster: CHARMS.clustercharm,
  logger: CHARMS.logger,
  src: CHARMS.logsrc,
});

describe('deployBundle', () => {
  it('deploys every application, unit and relation in one change set', () => {
    const model = emptyModel('test');
    const result = deployBundle(model, bundleOf(PEER_REGULAR_SUBORDINATE), CHARMS_OF_IT);
    assert.ok(result.ok, JSON.stringify(result));
    const { state, changes, value } = result;
    // Applications in name order, so the one peer relation is 0; then relations as written.
    assert.deepEqual(
      [...state.relations.values()].map((relation) => [relation.id, relation.key]),
      [
        [0, 'cluster:replicas'],
        [1, 'web:database db:database'],
        [2, 'logger:logging src:logging'],
      ],
    );
    assert.equal(state.applications.get('db')?.config.get('tick'), 3);
    // cluster/0 goes beside web/0; cluster/1 and src/0 share the bundle's machine "1".
    const machineOf = (unit: string) => state.units.get(unit)?.machine;
    assert.equal(machineOf('cluster/0'), machineOf('web/0'));
    assert.equal(machineOf('cluster/1'), machineOf('src/0'));
    assert.equal(state.machines.size, 4);
    assert.deepEqual([...state.units.keys()].sort(), [
      'cluster/0',
      'cluster/1',
      'db/0',
      'src/0',
      'web/0',
      'web/1',
    ]);
    // The change set replays to the same state, as the store does.
    assert.deepEqual(entitiesOf(applyChanges(model, changes)), entitiesOf(state));
    assert.deepEqual(
      value.steps.map((step) =>
        step.kind === 'deploy'
          ? `deploy ${step.application} from ${step.charm}`
          : step.kind === 'add-machine'
            ? `add machine ${step.machine}`
            : step.kind === 'add-unit'
              ? `add ${step.unit} to ${step.machine}`
              : `relate ${step.key} as ${step.relationId}`,
      ),
      [
        'deploy cluster from ./cluster',
        'deploy db from ./db',
        'deploy logger from ./logger',
        'deploy src from ./logsrc',
        'deploy web from ./web',
        // cluster/0 goes beside web/0, so web's units come first.
        'add machine 0',
        'add web/0 to 0',
        'add machine 1',
        'add web/1 to 1',
        'add cluster/0 to 0',
        'add machine 2',
        'add cluster/1 to 2',
        'add machine 3',
        'add db/0 to 3',
        'add src/0 to 2',
        'relate web:database db:database as 1',
        'relate logger:logging src:logging as 2',
      ],
    );
  });

  it('collects every refusal of the model at its line and applies nothing', () => {
    const existing = applied(
      deploy(emptyModel('test'), { application: 'db', charm: CHARMS.dbcharm }),
    );
    const text = `applications:
  db:
    charm: ./db
    num_units: 1
  web:
    charm: ./web
    num_units: 1
    options:
      colour: red
  logger:
    charm: ./logger
    num_units: 2
  src:
    charm: ./logsrc
    num_units: 1
relations:
  - [src, src]
`;
    const result = deployBundle(
      existing.state,
      bundleOf(text),
      charmsOf({
        db: CHARMS.dbcharm,
        web: CHARMS.webcharm,
        logger: CHARMS.logger,
        src: CHARMS.logsrc,
      }),
    );
    assert.equal(result.ok, false);
    assert.ok(!result.ok);
    assert.deepEqual(
      result.problems.map((problem) => `${problem.line}: [${problem.code}] ${problem.message}`),
      [
        '2: [application-exists] application "db" already exists in the model',
        '8: [bad-option] application "web": unknown option "colour"',
        '12: [subordinate-units] application "logger" is subordinate but has non-zero num_units',
        '17: [relation-refused] no relations found',
      ],
    );
  });

  it('refuses placements that depend on each other', () => {
    const text = `applications:
  a:
    charm: ./db
    num_units: 1
    to: [b/0]
  b:
    charm: ./db
    num_units: 1
    to: [a/0]
`;
    const result = deployBundle(
      emptyModel('test'),
      bundleOf(text),
      charmsOf({ a: CHARMS.dbcharm, b: CHARMS.dbcharm }),
    );
    assert.ok(!result.ok);
    assert.deepEqual(
      result.problems.map((problem) => problem.message),
      ['placement of application "a" depends on itself'],
    );
  });
});
