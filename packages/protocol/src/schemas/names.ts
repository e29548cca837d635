/**
 * Validators for the names every request carries, each failing with a message that says what a
 * good value looks like.
 */
import { APPLICATION_NAME_PATTERN } from '@loom/core';
import { z } from 'zod';

/** Juju model names: lower-case letters, digits and hyphens, starting with a letter or digit. */
export const MODEL_NAME_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

export const modelName = z
  .string()
  .regex(MODEL_NAME_PATTERN, 'expected a model name of lower-case letters, digits and hyphens');

export const applicationName = z
  .string()
  .regex(APPLICATION_NAME_PATTERN, 'expected an application name such as "postgresql"');

/** `<application>/<number>`. */
export const unitName = z
  .string()
  .regex(
    new RegExp(`${APPLICATION_NAME_PATTERN.source.slice(0, -1)}/(0|[1-9][0-9]*)$`),
    'expected a unit name such as "postgresql/0"',
  );

export const relationId = z.number().int().nonnegative();

export const count = z.number().int().nonnegative();
