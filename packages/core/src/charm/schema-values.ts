/**
 * Value coercions with juju/schema's rules, so that Loom accepts exactly the values Juju accepts:
 * an int may be written as a numeric string, a bool as Go's `strconv.ParseBool` words.
 */

import type { ConfigOptionType, ConfigValue } from './metadata.js';

/** A coerced value, or the name of the type that was expected. */
export type Coerced<T> = { readonly ok: true; readonly value: T } | { readonly ok: false };

const failed = { ok: false } as const;

function ok<T>(value: T): Coerced<T> {
  return { ok: true, value };
}

/** juju/schema `String()`: only strings. */
export function coerceString(value: unknown): Coerced<string> {
  return typeof value === 'string' ? ok(value) : failed;
}

/** juju/schema `Int()`: integers, or strings holding a base-10 integer. */
export function coerceInt(value: unknown): Coerced<number> {
  if (typeof value === 'bigint') return ok(Number(value));
  if (typeof value === 'number') return Number.isInteger(value) ? ok(value) : failed;
  if (typeof value === 'string' && /^[+-]?[0-9]+$/.test(value)) return ok(Number(value));
  return failed;
}

/** juju/schema `Float()`: numbers, or strings holding a number. */
export function coerceFloat(value: unknown): Coerced<number> {
  if (typeof value === 'bigint') return ok(Number(value));
  if (typeof value === 'number') return ok(value);
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) {
    return ok(Number(value));
  }
  return failed;
}

const GO_TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const GO_FALSE = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

/** juju/schema `Bool()`: booleans, or the words Go's `strconv.ParseBool` accepts. */
export function coerceBool(value: unknown): Coerced<boolean> {
  if (typeof value === 'boolean') return ok(value);
  if (typeof value === 'string' && GO_TRUE.has(value)) return ok(true);
  if (typeof value === 'string' && GO_FALSE.has(value)) return ok(false);
  return failed;
}

/** How a value is coerced to each config option type (charm: `optionTypeCheckers`). */
export const CONFIG_COERCIONS: Readonly<
  Record<ConfigOptionType, (value: unknown) => Coerced<ConfigValue>>
> = {
  string: coerceString,
  int: coerceInt,
  float: coerceFloat,
  boolean: coerceBool,
  secret: coerceString,
};
