/**
 * Typed data through zod schemas: relation bags, config and action parameters are checked
 * against an object schema, and every failure names the fields at fault with what was wrong.
 */
import type { z } from 'zod';

/** A zod object schema: one field per key of a bag, option or parameter. */
export type ObjectSchema = z.ZodObject;

/** What a schema yields for valid data. */
export type SchemaOutput<S extends ObjectSchema> = z.output<S>;

/** One field that failed its schema: the dotted path and why. */
export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

/**
 * Checks `value` against `schema`: the parsed value, or the problems, one per failing field,
 * each named by its path (`port`, `tags.0`).
 */
export function parseWith<S extends ObjectSchema>(
  schema: S,
  value: unknown,
): { ok: true; value: SchemaOutput<S> } | { ok: false; problems: FieldProblem[] } {
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => ({
      field: issue.path.map(String).join('.') || '(the whole value)',
      message: issue.message,
    })),
  };
}

/** `field "port": expected number, ...; field "host": ...` (or `option "port"`, ...). */
export function describeProblems(problems: readonly FieldProblem[], noun = 'field'): string {
  return problems.map((problem) => `${noun} "${problem.field}": ${problem.message}`).join('; ');
}

/** The fields a schema declares, in its order. */
export function schemaFields(schema: ObjectSchema): string[] {
  return Object.keys(schema.shape);
}
