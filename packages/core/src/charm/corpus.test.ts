/**
 * Every real charm of the corpus loads without errors, and yields exactly the endpoints recorded
 * in ../shared/corpus/endpoints.json (role, interface, limit, optional, scope).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  corpusCharmDirectories,
  readCorpusCharm,
  recordedEndpoints,
} from '../test-support/corpus.js';
import type { RecordedEndpoint } from '../test-support/corpus.js';
import { loadCharm } from './load-charm.js';
import type { Endpoint } from './metadata.js';

const ROLES = { provides: 'provider', requires: 'requirer', peers: 'peer' } as const;

function asRecorded(endpoint: Endpoint): RecordedEndpoint {
  const role = (Object.keys(ROLES) as (keyof typeof ROLES)[]).find(
    (key) => ROLES[key] === endpoint.role,
  );
  assert.ok(role);
  return {
    role,
    interface: endpoint.interface,
    // endpoints.json writes an absent limit as null; Juju stores it as 0 (R1.2).
    limit: endpoint.limit === 0 ? null : endpoint.limit,
    optional: endpoint.optional,
    scope: endpoint.scope,
  };
}

describe('the real-charm corpus', () => {
  const directories = corpusCharmDirectories();
  const recorded = recordedEndpoints();

  it('holds the 92 charms endpoints.json records', () => {
    assert.equal(directories.length, 92);
    assert.deepEqual(directories, Object.keys(recorded).sort());
  });

  for (const directory of directories) {
    it(`loads ${directory} with the recorded endpoints`, () => {
      const result = loadCharm(readCorpusCharm(directory));
      assert.ok(result.ok, JSON.stringify(result.problems, null, 2));
      const expected = recorded[directory]?.endpoints ?? {};
      const actual = Object.fromEntries(
        result.metadata.endpoints.map((endpoint) => [endpoint.name, asRecorded(endpoint)]),
      );
      assert.deepEqual(actual, expected);
    });
  }
});
