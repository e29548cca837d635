/**
 * Reading a request body against its schema: the value, or an error naming the first field that
 * is wrong and what was expected.
 */
import type { z } from 'zod';

import { RequestValidationError } from '../protocol-error.js';

/**
 * Parses `body` for `method`.
 *
 * @throws RequestValidationError naming the field, e.g.
 *   `invalid "deploy" request: field "numUnits": expected number, received string`
 */
export function parseRequest<S extends z.ZodType>(
  method: string,
  schema: S,
  body: unknown,
): z.infer<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (issue === undefined) throw new RequestValidationError(method, '', 'not valid');
  const path = issue.path.map(String);
  // An unknown key is reported at the object holding it: name the key itself.
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    return fail(method, [...path, key].join('.'), `unknown field; remove it`);
  }
  // Zod prefixes type mismatches with "Invalid input: "; the field name already says that much.
  return fail(method, path.join('.'), issue.message.replace(/^Invalid input: /, ''));
}

function fail(method: string, field: string, problem: string): never {
  throw new RequestValidationError(method, field, problem);
}
