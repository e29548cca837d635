/**
 * Names Juju derives: relation keys (R2.17), tags (R2.18), scope and bag keys (R3.1, R4.1) and
 * byte-wise order (spec §0).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import type { RelationEndpoint } from './entities.js';
import {
  applicationBagKey,
  compareNames,
  relationKey,
  relationReference,
  relationTag,
  scopeKey,
  unitBagKey,
} from './keys.js';

function endpoint(
  application: string,
  name: string,
  role: RelationEndpoint['role'],
): RelationEndpoint {
  return { application, name, role, interface: 'x', limit: 0, optional: false, scope: 'global' };
}

describe('R2.17 relation keys', () => {
  it('puts the requirer first whatever the order given', () => {
    assert.equal(
      relationKey([
        endpoint('mysql', 'server', 'provider'),
        endpoint('wordpress', 'db', 'requirer'),
      ]),
      'wordpress:db mysql:server',
    );
  });

  it('keys a container relation with juju-info the same way (requirer first)', () => {
    assert.equal(
      relationKey([
        endpoint('app', 'juju-info', 'provider'),
        endpoint('logger', 'juju-info', 'requirer'),
      ]),
      'logger:juju-info app:juju-info',
    );
  });

  it('keys a peer relation by its single endpoint', () => {
    assert.equal(relationKey([endpoint('cluster', 'replicas', 'peer')]), 'cluster:replicas');
  });
});

describe('R2.18 relation tags', () => {
  it('replaces ":" with "." and the space with "#"', () => {
    assert.equal(relationTag('wordpress:db mysql:server'), 'relation-wordpress.db#mysql.server');
    assert.equal(relationTag('cluster:replicas'), 'relation-cluster.replicas');
  });
});

describe('R3.1 and R4.1 scope and bag keys', () => {
  it('gives a global relation one scope', () => {
    assert.equal(scopeKey(3, false, 'app/0'), 'r#3');
  });

  it('gives a container relation one scope per principal unit', () => {
    assert.equal(scopeKey(3, true, 'app/0'), 'r#3#app/0');
  });

  it('keys unit bags by scope, role and unit, and application bags by relation and application', () => {
    assert.equal(unitBagKey('r#3#app/0', 'requirer', 'logger/0'), 'r#3#app/0#requirer#logger/0');
    assert.equal(unitBagKey('r#0', 'provider', 'db/0'), 'r#0#provider#db/0');
    assert.equal(applicationBagKey(0, 'db'), 'r#0#db');
  });

  it('names relations inside hooks as <endpoint>:<id> (R2.19)', () => {
    assert.equal(relationReference('database', 0), 'database:0');
  });
});

describe('byte-wise name order', () => {
  it('sorts app/10 before app/2, as Go sort.Strings does', () => {
    assert.deepEqual(['app/2', 'app/10', 'app/1'].sort(compareNames), ['app/1', 'app/10', 'app/2']);
  });
});
