/**
 * integrate: endpoint inference (R2.10–R2.12), AddRelation checks (R2.13–R2.15), the new
 * relation (R2.3, R2.17, R2.19, R2.21) and the error scenarios S26–S29.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { loadCharm } from '../charm/load-charm.js';
import type { CharmMetadata, EndpointRole, EndpointScope } from '../charm/metadata.js';
import type { RelationEndpoint } from '../model/entities.js';
import { emptyModel } from '../model/model-state.js';
import type { ModelState } from '../model/model-state.js';
import { applicationBag } from '../model/queries.js';
import { applied, chain, CHARMS, refused } from '../test-support/scenario-charms.js';
import { deploy } from './deploy.js';
import { addRelation, integrate } from './integrate.js';
import { removeApplication } from './remove-application.js';
import { removeRelation } from './remove-relation.js';
import { enterScope } from './scope.js';
import { setUnitStatus } from './unit-status.js';

function deployed(...apps: [string, CharmMetadata, number?][]): ModelState {
  return chain(
    emptyModel('test'),
    ...apps.map(
      ([application, charm, numUnits]) =>
        (state: ModelState) =>
          deploy(state, { application, charm, ...(numUnits === undefined ? {} : { numUnits }) }),
    ),
  );
}

/** A pgsql endpoint of an application, as addRelation takes it. */
function endpoint(
  application: string,
  name: string,
  role: EndpointRole,
  scope: EndpointScope = 'global',
): RelationEndpoint {
  return { application, name, role, interface: 'pgsql', limit: 0, optional: false, scope };
}

function message(state: ModelState, ...endpoints: string[]): string {
  return refused(integrate(state, { endpoints })).message;
}

const s1 = deployed(['db', CHARMS.dbcharm, 1], ['app', CHARMS.webcharm, 2]);

describe('R2.12 endpoint inference with two names', () => {
  it('S1: relates app and db through their only compatible endpoints, id 0', () => {
    const { state, value } = applied(integrate(s1, { endpoints: ['app', 'db'] }));
    assert.deepEqual(value, { relationId: 0, key: 'app:database db:database' });
    assert.equal(state.relations.get(0)?.key, 'app:database db:database');
  });

  it('accepts the names in either order and explicit endpoint names', () => {
    assert.equal(
      applied(integrate(s1, { endpoints: ['db', 'app'] })).value.key,
      'app:database db:database',
    );
    assert.equal(
      applied(integrate(s1, { endpoints: ['app:database', 'db:database'] })).value.key,
      'app:database db:database',
    );
  });

  it('S19: drops the implicit juju-info pair when an explicit pair exists', () => {
    const state = deployed(['app', CHARMS.logsrc, 2], ['logger', CHARMS.logger]);
    assert.equal(
      applied(integrate(state, { endpoints: ['app', 'logger'] })).value.key,
      'logger:logging app:logging',
    );
  });

  it('S20: uses the implicit juju-info endpoint when it is the only candidate', () => {
    const state = deployed(['plain', CHARMS.plaincharm, 1], ['logger', CHARMS.logger]);
    assert.equal(
      applied(integrate(state, { endpoints: ['plain', 'logger'] })).value.key,
      'logger:juju-info plain:juju-info',
    );
  });

  it('S20: still selects the implicit endpoint when named explicitly', () => {
    const state = deployed(['app', CHARMS.logsrc, 1], ['logger', CHARMS.logger]);
    assert.equal(
      applied(integrate(state, { endpoints: ['app:juju-info', 'logger'] })).value.key,
      'logger:juju-info app:juju-info',
    );
  });

  it('S27: lists every candidate key, quoted and sorted, when the choice is ambiguous', () => {
    const state = deployed(['db', CHARMS.dbcharm2, 1], ['app', CHARMS.webcharm, 1]);
    assert.equal(
      message(state, 'app', 'db'),
      'ambiguous relation: "app db" could refer to "app:database db:database"; "app:database db:replica-source"',
    );
    assert.equal(
      applied(integrate(state, { endpoints: ['app', 'db:database'] })).value.key,
      'app:database db:database',
    );
  });

  it('lists the implicit candidates too when more than one explicit pair remains', () => {
    const loaded = loadCharm({
      'metadata.yaml':
        'name: logsrc2\nsummary: s\ndescription: d\nprovides:\n  logs-a:\n    interface: logging-directory\n  logs-b:\n    interface: logging-directory\n',
    });
    assert.ok(loaded.ok);
    const state = deployed(['src', loaded.metadata, 1], ['logger', CHARMS.logger]);
    assert.equal(
      message(state, 'src', 'logger'),
      'ambiguous relation: "src logger" could refer to "logger:juju-info src:juju-info"; "logger:logging src:logs-a"; "logger:logging src:logs-b"',
    );
  });

  it('S28: finds nothing between an application and itself, or without a shared interface', () => {
    const state = deployed(
      ['db', CHARMS.dbcharm, 1],
      ['app', CHARMS.webcharm, 1],
      ['cluster', CHARMS.clustercharm, 1],
    );
    assert.equal(message(state, 'app', 'app'), 'no relations found');
    assert.equal(message(state, 'cluster', 'cluster'), 'no relations found');
    assert.equal(message(state, 'db', 'cluster'), 'no relations found');
  });

  it('R2.2: offers no container-scoped pair between two principals', () => {
    const loaded = loadCharm({
      'metadata.yaml':
        'name: sink\nsummary: s\ndescription: d\nrequires:\n  logging:\n    interface: logging-directory\n    scope: container\n',
    });
    assert.ok(loaded.ok);
    const state = deployed(['src', CHARMS.logsrc, 1], ['sink', loaded.metadata, 1]);
    assert.equal(message(state, 'src', 'sink'), 'no relations found');
  });
});

describe('R2.10, R2.11 names and counts', () => {
  it('refuses unknown applications and endpoints', () => {
    assert.equal(message(s1, 'app', 'nope'), 'application "nope" not found');
    assert.equal(message(s1, 'app', 'db:nope'), 'application "db" has no "nope" relation');
  });

  it('refuses a name starting or ending with ":"', () => {
    assert.equal(message(s1, 'app:', 'db'), 'invalid endpoint "app:"');
    assert.equal(message(s1, 'app', ':db'), 'invalid endpoint ":db"');
  });

  it('refuses zero or three names', () => {
    assert.equal(message(s1), 'cannot relate 0 endpoints');
    assert.equal(message(s1, 'app', 'db', 'app'), 'cannot relate 3 endpoints');
  });

  it('R2.11: one name stands for peer endpoints, which AddRelation then refuses', () => {
    const state = deployed(['cluster', CHARMS.clustercharm, 1]);
    assert.equal(
      message(state, 'cluster'),
      'cannot add relation "cluster:replicas": relation must have two endpoints',
    );
    assert.equal(message(s1, 'app'), 'no relations found');
  });
});

describe('R2.13 AddRelation checks', () => {
  const related = applied(integrate(s1, { endpoints: ['app', 'db'] })).state;

  it('S26: refuses a relation whose key exists, as already-exists', () => {
    const refusal = refused(integrate(related, { endpoints: ['db', 'app'] }));
    assert.equal(refusal.code, 'already-exists');
    assert.equal(
      refusal.message,
      'cannot add relation "app:database db:database": relation app:database db:database already exists',
    );
  });

  it('S26: says so while the old relation is still Dying', () => {
    const state = chain(
      related,
      (current) => enterScope(current, { unit: 'db/0', relationId: 0 }),
      (current) => removeRelation(current, { relationId: 0 }),
    );
    assert.equal(state.relations.get(0)?.life, 'dying');
    assert.equal(
      message(state, 'app', 'db'),
      'cannot add relation "app:database db:database": relation app:database db:database is dying, but not yet removed',
    );
  });

  it('refuses an application that is not alive', () => {
    const state = chain(
      s1,
      (current) =>
        setUnitStatus(current, { unit: 'app/0', agent: { current: 'idle', message: '' } }),
      (current) => removeApplication(current, { application: 'app' }),
    );
    assert.equal(state.applications.get('app')?.life, 'dying');
    assert.equal(
      message(state, 'app', 'db'),
      'cannot add relation "app:database db:database": application "app" is not alive',
    );
  });

  it('S29: refuses a relation that would exceed an endpoint limit', () => {
    const state = chain(
      deployed(
        ['db', CHARMS.dbcharm, 1],
        ['app', CHARMS.webcharmLimited, 1],
        ['db2', CHARMS.dbcharm, 1],
      ),
      (current) => integrate(current, { endpoints: ['app', 'db'] }),
    );
    const refusal = refused(integrate(state, { endpoints: ['app', 'db2'] }));
    assert.equal(refusal.code, 'quota-limit-exceeded');
    assert.equal(
      refusal.message,
      'cannot add relation "app:database db2:database": establishing a new relation for app:database would exceed its maximum relation limit of 1',
    );
  });

  it('R2.15: counts Dying relations against the limit', () => {
    const state = chain(
      deployed(
        ['db', CHARMS.dbcharm, 1],
        ['app', CHARMS.webcharmLimited, 1],
        ['db2', CHARMS.dbcharm, 1],
      ),
      (current) => integrate(current, { endpoints: ['app', 'db'] }),
      (current) => enterScope(current, { unit: 'db/0', relationId: 0 }),
      (current) => removeRelation(current, { relationId: 0 }),
    );
    assert.equal(state.relations.get(0)?.life, 'dying');
    assert.equal(
      refused(integrate(state, { endpoints: ['app', 'db2'] })).code,
      'quota-limit-exceeded',
    );
  });

  it('R2.4: refuses an endpoint the charm does not implement', () => {
    const endpoints = [
      endpoint('app', 'database', 'requirer'),
      endpoint('db', 'bogus', 'provider'),
    ];
    assert.equal(
      refused(addRelation(s1, endpoints)).message,
      'cannot add relation "app:database db:bogus": "db" does not implement "db:bogus"',
    );
  });

  it('R2.13 step 11: refuses a container relation between two principals when asked directly', () => {
    const endpoints = [
      endpoint('app', 'database', 'requirer', 'container'),
      endpoint('db', 'database', 'provider'),
    ];
    assert.match(
      refused(addRelation(s1, endpoints)).message,
      /container scoped relation requires at least one subordinate application$/,
    );
  });

  it('R2.13 step 3: refuses an application that does not exist when asked directly', () => {
    const endpoints = [
      endpoint('app', 'database', 'requirer'),
      endpoint('gone', 'database', 'provider'),
    ];
    assert.equal(
      refused(addRelation(s1, endpoints)).message,
      'cannot add relation "app:database gone:database": application "gone" does not exist',
    );
  });

  it('R2.5: refuses a container relation between charms with no series in common', () => {
    const state = deployed(
      ['app', { ...CHARMS.logsrc, series: ['focal'] }, 1],
      ['logger', { ...CHARMS.logger, series: ['jammy', 'noble'] }],
    );
    assert.equal(
      message(state, 'app', 'logger'),
      `cannot add relation "logger:logging app:logging": principal and subordinate applications' series must match`,
    );
    const shared = deployed(
      ['app', { ...CHARMS.logsrc, series: ['jammy'] }, 1],
      ['logger', { ...CHARMS.logger, series: ['jammy', 'noble'] }],
    );
    assert.equal(
      applied(integrate(shared, { endpoints: ['app', 'logger'] })).value.key,
      'logger:logging app:logging',
    );
  });

  it('R2.1: refuses endpoints that do not relate', () => {
    const endpoints = [
      endpoint('db', 'database', 'provider'),
      endpoint('db', 'database', 'provider'),
    ];
    assert.match(refused(addRelation(s1, endpoints)).message, /: endpoints do not relate$/);
  });
});

describe('the new relation', () => {
  it('R2.21: starts Alive, joining, empty, with one empty application bag per application', () => {
    const { state, changes } = applied(integrate(s1, { endpoints: ['app', 'db'] }));
    const relation = state.relations.get(0);
    assert.deepEqual(
      [relation?.life, relation?.status, relation?.unitCount, relation?.suspended],
      ['alive', 'joining', 0, false],
    );
    for (const application of ['app', 'db']) {
      const bag = applicationBag(state, 0, application);
      assert.deepEqual([bag.values.size, bag.version], [0, 0]);
    }
    assert.deepEqual(
      changes.map((change) => change.kind),
      ['sequences', 'relation', 'bag', 'bag'],
    );
  });

  it('R2.3: stores both endpoints container-scoped when either is', () => {
    const state = deployed(['app', CHARMS.logsrc, 1], ['logger', CHARMS.logger]);
    const relation = applied(
      integrate(state, { endpoints: ['app', 'logger'] }),
    ).state.relations.get(0);
    assert.deepEqual(
      relation?.endpoints.map(
        (endpoint) => `${endpoint.application}:${endpoint.name}:${endpoint.scope}`,
      ),
      ['logger:logging:container', 'app:logging:container'],
    );
  });

  it('R2.19: never reuses an id, even of a relation that was removed', () => {
    const state = chain(
      s1,
      (current) => integrate(current, { endpoints: ['app', 'db'] }),
      (current) => removeRelation(current, { relationId: 0 }),
    );
    assert.equal(state.relations.size, 0);
    assert.equal(applied(integrate(state, { endpoints: ['app', 'db'] })).value.relationId, 1);
  });

  it('R2.14: relates the same two applications again through another endpoint pair', () => {
    const state = chain(
      deployed(['db', CHARMS.dbcharm2, 1], ['app', CHARMS.webcharm, 1]),
      (current) => integrate(current, { endpoints: ['app', 'db:database'] }),
    );
    assert.equal(
      applied(integrate(state, { endpoints: ['app', 'db:replica-source'] })).value.key,
      'app:database db:replica-source',
    );
  });

  it('leaves the model unchanged when refused', () => {
    const result = integrate(s1, { endpoints: ['app', 'nope'] });
    assert.equal(result.ok, false);
    assert.equal(s1.relations.size, 0);
    assert.equal(s1.sequences.relation, 0);
  });
});
