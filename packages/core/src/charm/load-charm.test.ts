/**
 * Loading charms in both formats, with their config and actions, and the problems of charms
 * whose files disagree or are missing.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { loadCharm } from './load-charm.js';
import type { CharmFiles, CharmLoadResult } from './load-charm.js';
import type { CharmMetadata } from './metadata.js';

const METADATA = 'name: web\nsummary: A web app\ndescription: Serves pages\n';

function load(files: CharmFiles): CharmMetadata {
  const result = loadCharm(files);
  assert.ok(result.ok, JSON.stringify(result.problems, null, 2));
  return result.metadata;
}

function errors(result: CharmLoadResult): string[] {
  return result.problems
    .filter((problem) => problem.severity === 'error')
    .map(
      (problem) =>
        `${problem.file}:${problem.line}:${problem.column} ${problem.code}: ${problem.message}`,
    );
}

describe('choosing the metadata file', () => {
  it('reads the split format: metadata.yaml, config.yaml and actions.yaml', () => {
    const metadata = load({
      'metadata.yaml': `${METADATA}provides:\n  website: http\n`,
      'config.yaml': 'options:\n  port:\n    type: int\n    default: 80\n',
      'actions.yaml': 'restart:\n  description: Restart the server\n',
      'charmcraft.yaml': 'type: charm\nbases:\n  - name: ubuntu\n    channel: "22.04"\n',
    });
    assert.equal(metadata.source, 'metadata.yaml');
    assert.deepEqual(
      metadata.config.map((option) => [option.name, option.default]),
      [['port', 80]],
    );
    assert.deepEqual(
      metadata.actions.map((action) => action.name),
      ['restart'],
    );
  });

  it('reads the unified format with config.options and actions inside charmcraft.yaml', () => {
    const metadata = load({
      'charmcraft.yaml': `type: charm\n${METADATA}requires:\n  db: pgsql\nconfig:\n  options:\n    debug:\n      type: boolean\n      default: false\nactions:\n  backup:\n    description: Back up\n`,
    });
    assert.equal(metadata.source, 'charmcraft.yaml');
    assert.equal(metadata.name, 'web');
    assert.deepEqual(
      metadata.endpoints.map((endpoint) => endpoint.name),
      ['db'],
    );
    assert.deepEqual(metadata.config, [
      { name: 'debug', type: 'boolean', description: '', default: false },
    ]);
    assert.equal(metadata.actions[0]?.description, 'Back up');
  });

  it('reads a separate config.yaml beside a unified charmcraft.yaml without config', () => {
    const metadata = load({
      'charmcraft.yaml': METADATA,
      'config.yaml': 'options:\n  level:\n    type: string\n    default: info\n',
    });
    assert.equal(metadata.config[0]?.default, 'info');
  });

  it('reads actions from charmcraft.yaml beside metadata.yaml (charmcraft packs them)', () => {
    const metadata = load({
      'metadata.yaml': METADATA,
      'charmcraft.yaml': 'type: charm\nactions:\n  redetect:\n    description: Look again\n',
    });
    assert.deepEqual(
      metadata.actions.map((action) => action.name),
      ['redetect'],
    );
  });

  it('refuses metadata declared in both metadata.yaml and charmcraft.yaml', () => {
    const result = loadCharm({
      'metadata.yaml': METADATA,
      'charmcraft.yaml': `type: charm\n${METADATA}`,
    });
    assert.deepEqual(errors(result), [
      'charmcraft.yaml:2:1 metadata-conflict: charmcraft.yaml declares "name" but the charm also has metadata.yaml',
    ]);
  });

  it('refuses config declared both in charmcraft.yaml and in config.yaml', () => {
    const result = loadCharm({
      'charmcraft.yaml': `${METADATA}config:\n  options: {}\n`,
      'config.yaml': 'options: {}\n',
    });
    assert.deepEqual(errors(result), [
      'charmcraft.yaml:4:1 metadata-conflict: charmcraft.yaml declares "config" but the charm also has config.yaml',
    ]);
  });

  it('refuses a charm with no metadata at all', () => {
    assert.deepEqual(errors(loadCharm({})), [
      'metadata.yaml:1:1 no-metadata: charm has no metadata.yaml and no charmcraft.yaml',
    ]);
  });

  it('refuses a charmcraft.yaml that only holds build settings, when there is no metadata.yaml', () => {
    const result = loadCharm({ 'charmcraft.yaml': 'type: charm\nparts:\n  charm: {}\n' });
    assert.equal(result.problems[0]?.code, 'no-metadata');
    assert.equal(result.ok, false);
  });

  it('requires name, summary and description, with juju/schema wording', () => {
    const result = loadCharm({ 'metadata.yaml': 'name: web\nsummary: 5\n' });
    assert.deepEqual(errors(result), [
      'metadata.yaml:1:1 schema: metadata: description: expected string, got nothing',
      'metadata.yaml:2:10 schema: metadata: summary: expected string, got int(5)',
    ]);
  });

  it('refuses metadata that is not a map', () => {
    const result = loadCharm({ 'metadata.yaml': '- name: web\n' });
    assert.deepEqual(errors(result), [
      'metadata.yaml:1:1 schema: metadata: expected map, got list',
    ]);
  });
});

describe('metadata fields kept as data', () => {
  it('keeps storage, containers, resources, assumes, extra-bindings and tags', () => {
    const metadata = load({
      'metadata.yaml': `${METADATA}tags: [web, http]\nextra-bindings:\n  public:\nstorage:\n  data:\n    type: filesystem\n    location: /srv\ncontainers:\n  app:\n    resource: image\nresources:\n  image:\n    type: oci-image\nassumes:\n  - k8s-api\n  - any-of:\n      - juju >= 3.1\n`,
    });
    assert.deepEqual(metadata.tags, ['web', 'http']);
    assert.deepEqual(metadata.extraBindings, ['public']);
    assert.deepEqual(metadata.storage, { data: { type: 'filesystem', location: '/srv' } });
    assert.deepEqual(metadata.containers, { app: { resource: 'image' } });
    assert.deepEqual(metadata.resources, { image: { type: 'oci-image' } });
    assert.deepEqual(metadata.assumes, ['k8s-api', { 'any-of': ['juju >= 3.1'] }]);
  });

  it('refuses an extra binding that reuses an endpoint name, with Juju message', () => {
    const result = loadCharm({
      'metadata.yaml': `${METADATA}provides:\n  website: http\nextra-bindings:\n  website:\n`,
    });
    assert.deepEqual(errors(result), [
      'metadata.yaml:7:3 extra-bindings: charm "web" has invalid extra bindings: relation names (website) cannot be used in extra bindings',
    ]);
  });

  it('keeps a date-like string a string, as go-yaml does', () => {
    const metadata = load({ 'metadata.yaml': `${METADATA}tags: [2024-01-01]\n` });
    assert.deepEqual(metadata.tags, ['2024-01-01']);
  });
});

describe('config options', () => {
  function config(options: string): CharmLoadResult {
    return loadCharm({ 'metadata.yaml': METADATA, 'config.yaml': `options:\n${options}` });
  }

  it('coerces defaults with juju/schema rules (YAML 1.1 yes, numeric strings for ints)', () => {
    const result = config(
      '  a:\n    type: boolean\n    default: yes\n  b:\n    type: int\n    default: "42"\n  c:\n    type: float\n    default: 1\n  d:\n    description: no type means string\n    default: hello\n',
    );
    assert.ok(result.ok);
    assert.deepEqual(
      result.metadata.config.map((option) => [option.name, option.type, option.default]),
      [
        ['a', 'boolean', true],
        ['b', 'int', 42],
        ['c', 'float', 1],
        ['d', 'string', 'hello'],
      ],
    );
  });

  it('leaves an option without default unset', () => {
    const result = config('  token:\n    type: secret\n    description: API token\n');
    assert.ok(result.ok);
    assert.deepEqual(result.metadata.config, [
      { name: 'token', type: 'secret', description: 'API token' },
    ]);
  });

  it('refuses a default of the wrong type with Juju message, at the default', () => {
    assert.deepEqual(errors(config('  port:\n    type: int\n    default: abc\n')), [
      'config.yaml:4:14 config-default: invalid config default: option "port" expected int, got "abc"',
    ]);
  });

  it('refuses an unknown option type with Juju message, at the type', () => {
    assert.deepEqual(errors(config('  port:\n    type: number\n')), [
      'config.yaml:3:11 config-type: invalid config: option "port" has unknown type "number"',
    ]);
  });

  it('refuses an empty config.yaml, as Juju does', () => {
    const result = loadCharm({ 'metadata.yaml': METADATA, 'config.yaml': '# nothing yet\n' });
    assert.deepEqual(errors(result), [
      'config.yaml:1:1 config-empty: invalid config: empty configuration',
    ]);
  });
});

describe('actions', () => {
  function actions(text: string): CharmLoadResult {
    return loadCharm({ 'metadata.yaml': METADATA, 'actions.yaml': text });
  }

  it('reads params, required and other keys, defaulting the description', () => {
    const result = actions(
      'backup:\n  params:\n    target:\n      type: string\n  required: [target]\n  additionalProperties: false\n  execution-group: io\n  descrpition: typo kept as data\nping:\n',
    );
    assert.ok(result.ok);
    assert.deepEqual(result.metadata.actions, [
      {
        name: 'backup',
        description: 'No description',
        params: { target: { type: 'string' } },
        required: ['target'],
        additionalProperties: false,
        parallel: false,
        executionGroup: 'io',
        extra: { descrpition: 'typo kept as data' },
      },
      {
        name: 'ping',
        description: 'No description',
        params: {},
        required: [],
        parallel: false,
        executionGroup: '',
        extra: {},
      },
    ]);
  });

  it('refuses a bad action name with Juju message', () => {
    assert.deepEqual(errors(actions('Back_Up:\n  description: x\n')), [
      'actions.yaml:1:1 action-name: bad action name Back_Up',
    ]);
  });

  it('refuses reserved action names', () => {
    assert.deepEqual(errors(actions('juju-run:\n  description: x\n')), [
      'actions.yaml:1:1 action-name: cannot use action name juju-run: the "juju-" prefix is reserved',
    ]);
  });

  it('refuses params that are not a map, and $ref inside params', () => {
    assert.deepEqual(
      errors(actions('a:\n  params: [x]\nb:\n  params:\n    x:\n      $ref: "#/y"\n')),
      [
        'actions.yaml:2:11 action-params: invalid params schema for action schema a: the params failed to parse as a map',
        'actions.yaml:5:5 action-params: invalid params schema for action schema b: schema key "$ref" not compatible with this version of juju',
      ],
    );
  });
});
