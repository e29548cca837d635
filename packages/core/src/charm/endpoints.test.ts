/**
 * The implicit juju-info endpoint (R1.8, R1.9) and relation hook names (R1.11).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  applicationEndpoints,
  IMPLICIT_JUJU_INFO_ENDPOINT,
  isImplicitEndpoint,
  relationHookNames,
} from './endpoints.js';
import { loadCharm } from './load-charm.js';

function metadataOf(text: string) {
  const result = loadCharm({ 'metadata.yaml': text });
  assert.ok(result.ok, JSON.stringify(result.problems));
  return result.metadata;
}

describe('R1.8 the implicit juju-info endpoint', () => {
  it('is appended after the declared endpoints of every application', () => {
    const metadata = metadataOf(
      'name: web\nsummary: s\ndescription: d\nprovides:\n  website: http\n',
    );
    assert.deepEqual(
      applicationEndpoints(metadata).map((endpoint) => `${endpoint.name}:${endpoint.role}`),
      ['website:provider', 'juju-info:provider'],
    );
  });

  it('is there for a charm that declares no endpoints, and for subordinates', () => {
    const plain = metadataOf('name: ubuntu\nsummary: s\ndescription: d\n');
    assert.deepEqual(applicationEndpoints(plain), [IMPLICIT_JUJU_INFO_ENDPOINT]);
    const subordinate = metadataOf(
      'name: agent\nsummary: s\ndescription: d\nsubordinate: true\nrequires:\n  host:\n    interface: juju-info\n    scope: container\n',
    );
    assert.equal(applicationEndpoints(subordinate).at(-1), IMPLICIT_JUJU_INFO_ENDPOINT);
  });

  it('is a global provider of interface juju-info with no limit', () => {
    assert.deepEqual(
      { ...IMPLICIT_JUJU_INFO_ENDPOINT },
      {
        name: 'juju-info',
        role: 'provider',
        interface: 'juju-info',
        limit: 0,
        optional: false,
        scope: 'global',
      },
    );
  });
});

describe('R1.9 which endpoints are implicit', () => {
  const base = { limit: 0, optional: false, scope: 'global' } as const;

  it('is exactly the juju-info provider with interface juju-info', () => {
    assert.equal(
      isImplicitEndpoint({ ...base, name: 'juju-info', role: 'provider', interface: 'juju-info' }),
      true,
    );
  });

  it('is not a requirer of juju-info, nor a provider under another name or interface', () => {
    assert.equal(
      isImplicitEndpoint({ ...base, name: 'juju-info', role: 'requirer', interface: 'juju-info' }),
      false,
    );
    assert.equal(
      isImplicitEndpoint({ ...base, name: 'host', role: 'provider', interface: 'juju-info' }),
      false,
    );
    assert.equal(
      isImplicitEndpoint({ ...base, name: 'juju-info', role: 'provider', interface: 'other' }),
      false,
    );
  });
});

describe('R1.11 relation hook names', () => {
  it('gives the five relation hooks of an endpoint in lifecycle order', () => {
    assert.deepEqual(relationHookNames('db'), [
      'db-relation-created',
      'db-relation-joined',
      'db-relation-changed',
      'db-relation-departed',
      'db-relation-broken',
    ]);
  });

  it('keeps underscores and dashes of the endpoint name as they are', () => {
    assert.equal(relationHookNames('dashboard_peers')[2], 'dashboard_peers-relation-changed');
  });
});
