/**
 * Reads typed fields out of a YAML file, reporting juju/schema-style errors
 * (`metadata: provides.db.limit: expected int, got string("one")`) at the offending node.
 */
import type { Node } from 'yaml';

import type { CharmProblemCode, Problem } from './problem.js';
import { coerceBool, coerceInt, coerceString } from './schema-values.js';
import type { Coerced } from './schema-values.js';
import type { MapEntry, YamlFile } from './yaml-file.js';

/** Finds the entry with the given key. */
export function field(entries: readonly MapEntry[], key: string): MapEntry | undefined {
  return entries.find((entry) => entry.key === key && entry.keyIsString);
}

/** Reads typed values from one YAML file, collecting problems instead of throwing. */
export class FieldReader<Code extends string = CharmProblemCode> {
  /**
   * @param prefix What Juju puts before a schema error of this file (`metadata`, `invalid config`).
   */
  constructor(
    readonly yaml: YamlFile,
    readonly problems: Problem<Code | 'schema'>[],
    private readonly prefix: string,
  ) {}

  /** Reports `<prefix>: <path>: expected <expected>, got <actual>` at `node` (or `at`). */
  expected(
    node: Node | null,
    path: string,
    expected: string,
    fix: string,
    code: Code | 'schema' = 'schema',
    at: Node | null = node,
  ): void {
    const where = path === '' ? '' : `${path}: `;
    this.problems.push(
      this.yaml.problem(
        at,
        code,
        `${this.prefix}: ${where}expected ${expected}, got ${this.yaml.describe(node)}`,
        fix,
      ),
    );
  }

  /** The entries of a map, reporting a problem (and returning undefined) if it is not a map. */
  map(
    node: Node | null,
    path: string,
    fix: string,
    at: Node | null = node,
  ): MapEntry[] | undefined {
    const entries = this.yaml.entries(node);
    if (entries === undefined) {
      this.expected(node, path, 'map', fix, 'schema', at);
      return undefined;
    }
    for (const entry of entries) {
      if (!entry.keyIsString) {
        this.problems.push(
          this.yaml.problem(
            entry.keyNode,
            'schema',
            `${this.prefix}: ${path === '' ? '' : `${path}: `}expected string key, got ${this.yaml.describe(entry.keyNode)}`,
            'quote the key so that it is a string',
          ),
        );
      }
    }
    return entries.filter((entry) => entry.keyIsString);
  }

  /** A string value (juju/schema `String()`). */
  string(node: Node | null, path: string, fix: string, at: Node | null = node): string | undefined {
    return this.coerce(node, path, 'string', coerceString, fix, at);
  }

  /** A boolean value (juju/schema `Bool()`). */
  bool(node: Node | null, path: string, fix: string): boolean | undefined {
    return this.coerce(node, path, 'bool', coerceBool, fix);
  }

  /** An integer value (juju/schema `Int()`). */
  int(node: Node | null, path: string, fix: string): number | undefined {
    return this.coerce(node, path, 'int', coerceInt, fix);
  }

  /** A list of strings (juju/schema `List(String())`). */
  stringList(node: Node | null, path: string, fix: string): string[] | undefined {
    const items = this.yaml.items(node);
    if (items === undefined) {
      this.expected(node, path, 'list', fix);
      return undefined;
    }
    const result: string[] = [];
    items.forEach((item, index) => {
      const value = this.string(item, `${path}[${String(index)}]`, fix);
      if (value !== undefined) result.push(value);
    });
    return result;
  }

  private coerce<T>(
    node: Node | null,
    path: string,
    expected: string,
    coerce: (value: unknown) => Coerced<T>,
    fix: string,
    at: Node | null = node,
  ): T | undefined {
    const result = coerce(this.yaml.scalar(node));
    if (result.ok) return result.value;
    this.expected(node, path, expected, fix, 'schema', at);
    return undefined;
  }
}
