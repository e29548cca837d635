/**
 * Typed relation data (ops's Relation.load and Relation.save): each field of a bag holds a
 * JSON-encoded value; loading decodes the schema's fields and checks them, saving checks the
 * value first and then writes every field of the schema in one relation-set, a field without a
 * value as '' — which deletes the key. Nothing is written when any field is wrong.
 */
import { RelationDataSchemaError } from './errors.js';
import type { RelationDataContent } from './relation-data.js';
import { describeProblems, parseWith, schemaFields } from './schema.js';
import type { FieldProblem, ObjectSchema, SchemaOutput } from './schema.js';

/**
 * Reads `content` through `schema`. Keys the schema does not declare are left out.
 *
 * @throws RelationDataSchemaError naming each field that is not JSON or does not fit.
 */
export async function loadBag<S extends ObjectSchema>(
  content: RelationDataContent,
  schema: S,
  where: string,
): Promise<SchemaOutput<S>> {
  const raw = await content.toObject();
  const decoded: Record<string, unknown> = {};
  const problems: FieldProblem[] = [];
  for (const field of schemaFields(schema)) {
    const text = raw[field];
    if (text === undefined) continue;
    try {
      decoded[field] = JSON.parse(text) as unknown;
    } catch {
      problems.push({
        field,
        message: `${JSON.stringify(text)} is not JSON; the writer must store ${JSON.stringify(JSON.stringify(text))} for a string`,
      });
    }
  }
  const parsed = parseWith(schema, decoded);
  if (!parsed.ok)
    problems.push(...parsed.problems.filter((p) => !problems.some((q) => q.field === p.field)));
  if (problems.length > 0 || !parsed.ok) {
    throw new RelationDataSchemaError(
      `${where} does not fit its schema: ${describeProblems(problems)}`,
      problems,
    );
  }
  return parsed.value;
}

/**
 * Writes `value` into `content`: with a schema, the value is checked against it first and every
 * field the schema declares is written (a missing one deleted); without one, each key of the
 * value is written. Values are JSON-encoded; undefined deletes the key.
 *
 * @throws RelationDataSchemaError naming each field that does not fit (nothing is written).
 * @throws RelationDataAccessError when this unit may not write the bag.
 */
export async function saveBag(
  content: RelationDataContent,
  value: Readonly<Record<string, unknown>>,
  schema: ObjectSchema | undefined,
  where: string,
): Promise<void> {
  if (schema !== undefined) {
    const parsed = parseWith(schema, value);
    if (!parsed.ok) {
      throw new RelationDataSchemaError(
        `cannot save into ${where}: ${describeProblems(parsed.problems)}`,
        parsed.problems,
      );
    }
  }
  const fields = schema === undefined ? Object.keys(value) : schemaFields(schema);
  const writes: Record<string, string> = {};
  for (const field of fields) {
    const fieldValue = value[field];
    writes[field] = fieldValue === undefined ? '' : encode(field, fieldValue, where);
  }
  await content.update(writes);
}

function encode(field: string, value: unknown, where: string): string {
  let text: string | undefined;
  let why = `a ${typeof value} has no JSON form`;
  try {
    text = JSON.stringify(value);
  } catch (error) {
    why = `it has no JSON form (${error instanceof Error ? error.message : String(error)})`;
  }
  if (text !== undefined) return text;
  const problems = [{ field, message: why }];
  throw new RelationDataSchemaError(
    `cannot save into ${where}: ${describeProblems(problems)}`,
    problems,
  );
}
