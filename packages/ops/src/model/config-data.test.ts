/**
 * Typed config (ConfigData): getters checked against the types config.yaml declares, undeclared
 * options named with the declared ones, and load(schema) naming every option that does not fit.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import type { ConfigOption } from '@loom/core';
import { z } from 'zod';

import { ConfigData } from './config-data.js';
import { ModelError, SchemaError } from './errors.js';

const OPTIONS: ConfigOption[] = [
  { name: 'port', type: 'int', description: '', default: 5432 },
  { name: 'ratio', type: 'float', description: '' },
  { name: 'debug', type: 'boolean', description: '', default: false },
  { name: 'log-level', type: 'string', description: '', default: 'info' },
  { name: 'password', type: 'secret', description: '' },
];

const config = new ConfigData(
  { port: 5432, debug: false, 'log-level': 'info', password: 'secret:abc' },
  OPTIONS,
);

describe('ConfigData', () => {
  it('reads each option with the getter of its declared type; unset ones are undefined', () => {
    assert.equal(config.int('port'), 5432);
    assert.equal(config.boolean('debug'), false);
    assert.equal(config.string('log-level'), 'info');
    assert.equal(config.secret('password'), 'secret:abc');
    assert.equal(config.float('ratio'), undefined);
    assert.equal(config.get('port'), 5432);
    assert.deepEqual(config.keys(), ['debug', 'log-level', 'password', 'port']);
  });

  it('refuses a getter of another type, naming the right one', () => {
    assert.throws(
      () => config.string('port'),
      (error: unknown) =>
        error instanceof ModelError &&
        error.message ===
          'config option "port" is declared int, not string; read it with config.int("port")',
    );
  });

  it('names an undeclared option and the declared ones', () => {
    assert.throws(
      () => config.get('prot'),
      /^ModelError: the charm declares no config option "prot"; it declares: debug, log-level, password, port, ratio$/,
    );
    assert.throws(
      () => new ConfigData({}, []).int('port'),
      /it declares none \(add it to config\.yaml\)/,
    );
  });

  it('loads a typed object through a schema, naming every option that does not fit', () => {
    const Config = z.object({
      port: z.number().int().min(1024),
      'log-level': z.enum(['info', 'debug']),
    });
    assert.deepEqual(config.load(Config), { port: 5432, 'log-level': 'info' });
    const low = new ConfigData({ port: 80, 'log-level': 'loud' }, OPTIONS);
    assert.throws(
      () => low.load(Config),
      (error: unknown) =>
        error instanceof SchemaError &&
        error.problems.map((problem) => problem.field).join() === 'port,log-level' &&
        /^the charm's config does not fit its schema: option "port": .*; option "log-level": /.test(
          error.message,
        ),
    );
  });
});
