/**
 * Reading a remote bag against an interface's schema: each value taken raw (the catalogue's
 * convention) or decoded as charms.reactive reads it, then checked by a zod object schema. What
 * does not fit is described by unit and field, and reported once: a library logs each distinct
 * problem a single time (kept in stored state, so not again every hook), and leaves the unit out
 * instead of failing the charm.
 */
import { FrameworkObject, StoredState } from '@loom/ops';
import type { CharmBase, ObjectSchema, SchemaOutput } from '@loom/ops';

import { lenientJsonLoads } from './python-json.js';

/** One thing wrong with a bag. */
export interface BagProblem {
  /** The unit or application whose bag it is. */
  readonly owner: string;
  readonly field: string;
  readonly message: string;
}

/** A bag read against its schema. */
export type TypedBag<S extends ObjectSchema> =
  | { readonly ok: true; readonly value: SchemaOutput<S> }
  | { readonly ok: false; readonly problems: readonly BagProblem[] };

/**
 * How an interface writes its values: `json`, charms.reactive's encoding (read leniently: JSON
 * when it parses, else the raw string); `raw`, the catalogue's convention, where a string field
 * is the raw string and JSON fields say so in their schema.
 */
export type BagEncoding = 'json' | 'raw';

/** Decodes the values of `raw` as `encoding` says and checks the result against `schema`. */
export function readTypedBag<S extends ObjectSchema>(
  schema: S,
  owner: string,
  raw: Readonly<Record<string, string>>,
  encoding: BagEncoding = 'raw',
): TypedBag<S> {
  const decoded =
    encoding === 'raw'
      ? raw
      : Object.fromEntries(
          Object.entries(raw).map(([key, value]) => [key, lenientJsonLoads(value)]),
        );
  const parsed = schema.safeParse(decoded);
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => ({
      owner,
      field: issue.path.map(String).join('.') || '(the whole bag)',
      message: issue.message,
    })),
  };
}

/** Logs each distinct bag problem once, remembering what it reported in stored state. */
export class ProblemReporter extends FrameworkObject {
  private readonly reported = new StoredState<{ keys: string[] }>(this, 'reported', { keys: [] });

  constructor(
    private readonly charm: CharmBase,
    private readonly library: string,
  ) {
    super(charm, library);
  }

  /**
   * The bag checked against `schema`, or undefined when it does not fit — the problems then
   * reported (once each).
   */
  async read<S extends ObjectSchema>(
    schema: S,
    owner: string,
    raw: Readonly<Record<string, string>>,
    encoding: BagEncoding = 'raw',
  ): Promise<SchemaOutput<S> | undefined> {
    const bag = readTypedBag(schema, owner, raw, encoding);
    if (bag.ok) return bag.value;
    await this.report(bag.problems);
    return undefined;
  }

  /** Reports the problems not reported before, as WARNING lines naming the unit and field. */
  async report(problems: readonly BagProblem[]): Promise<void> {
    for (const problem of problems) {
      const key = `${problem.owner}|${problem.field}|${problem.message}`;
      if (this.reported.data.keys.includes(key)) continue;
      this.reported.data.keys.push(key);
      await this.charm.model.backend.jujuLog(
        'WARNING',
        `${this.library}: ${problem.owner} sent an invalid "${problem.field}": ${problem.message}; leaving it out until it is fixed`,
      );
    }
  }
}
