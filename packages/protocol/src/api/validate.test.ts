/** Request validation names the field that is wrong and what was expected. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { RequestValidationError } from '../protocol-error.js';
import { API_METHODS } from './methods.js';
import { parseRequest } from './validate.js';

function problem(method: keyof typeof API_METHODS, body: unknown): string {
  try {
    parseRequest(method, API_METHODS[method], body);
  } catch (error) {
    assert.ok(error instanceof RequestValidationError);
    assert.equal(error.code, 'bad-request');
    return error.message;
  }
  assert.fail('expected the request to be refused');
}

const deploy = { model: 'default', application: 'db', charm: { path: '/charms/db' } };

describe('request validation', () => {
  it('accepts a good request and returns its value', () => {
    assert.deepEqual(parseRequest('deploy', API_METHODS.deploy, deploy), deploy);
  });

  it('names a field of the wrong type', () => {
    assert.match(
      problem('deploy', { ...deploy, numUnits: 'two' }),
      /^invalid "deploy" request: field "numUnits": .*expected number/,
    );
  });

  it('names a missing field', () => {
    assert.match(problem('add-unit', { model: 'default' }), /field "application": /);
  });

  it('names an unknown field and says to remove it', () => {
    assert.equal(
      problem('status', { model: 'default', verbose: true }),
      'invalid "status" request: field "verbose": unknown field; remove it',
    );
  });

  it('names a nested field by its path', () => {
    assert.match(
      problem('agent/commit-hook', {
        model: 'default',
        unit: 'db/0',
        hook: {
          kind: 'install',
          name: 'install',
          relation: null,
          remoteUnit: null,
          departingUnit: null,
          version: null,
        },
        commit: {
          relationSettings: [
            { relationId: -1, owner: { kind: 'unit', name: 'db/0' }, settings: {} },
          ],
          charmState: null,
          ports: null,
          refreshAddresses: null,
          leaveScope: null,
          startWithoutStatus: false,
        },
        uniterState: {},
      }),
      /field "commit\.relationSettings\.0\.relationId": /,
    );
  });

  it('says what a good name looks like', () => {
    assert.equal(
      problem('remove-unit', { model: 'default', units: ['db'] }),
      'invalid "remove-unit" request: field "units.0": expected a unit name such as "postgresql/0"',
    );
    assert.equal(
      problem('add-model', { name: 'Bad Name' }),
      'invalid "add-model" request: field "name": expected a model name of lower-case letters, digits and hyphens',
    );
  });

  it('refuses a body that is not an object', () => {
    assert.match(problem('models', 'hello'), /^invalid "models" request: body: /);
  });

  it('refuses an uploaded charm file that escapes the charm directory', () => {
    assert.match(
      problem('deploy', {
        ...deploy,
        charm: { files: [{ path: '../etc/passwd', mode: 0o644, content: '' }] },
      }),
      /field "charm\.files\.0\.path": expected a path inside the charm directory/,
    );
  });
});
