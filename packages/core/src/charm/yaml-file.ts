/**
 * Parsing a charm's YAML files the way Juju does (YAML 1.1, so `yes` is true), keeping every
 * node's position so that problems point at a line and column.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit } from 'yaml';
import type { Document, Node } from 'yaml';

import type { Problem, ProblemSeverity, SourceLocation } from './problem.js';

/** A JSON-like value read from YAML, for the parts of a charm Loom keeps as data. */
export type DataValue = string | number | boolean | null | readonly DataValue[] | DataObject;

/** A JSON-like object read from YAML. */
export interface DataObject {
  readonly [key: string]: DataValue;
}

/** One entry of a YAML map. */
export interface MapEntry {
  /** The key as text; for a non-string key, its YAML text. */
  readonly key: string;
  /** False when the key is not a string in YAML 1.1 (`1:`, `yes:`, a map...). */
  readonly keyIsString: boolean;
  readonly keyNode: Node;
  /** The value node, or null when the key has no value (`name:`). */
  readonly value: Node | null;
}

/**
 * Juju's YAML reader (go-yaml) leaves date-like text alone; dropping the YAML 1.1 timestamp tag
 * keeps `2024-01-01` a string here too.
 */
const TIMESTAMP_TAG = 'tag:yaml.org,2002:timestamp';

/** A parsed YAML file of a charm, with position-aware accessors for its nodes. */
export class YamlFile {
  private constructor(
    readonly file: string,
    readonly root: Node | null,
    private readonly doc: Document,
    private readonly lineCounter: LineCounter,
  ) {}

  /**
   * Parses `text` as YAML 1.1. Syntax errors and duplicate keys are appended to `problems`; on a
   * syntax error the result is undefined and nothing should be read from the file.
   */
  static parse(file: string, text: string, problems: Problem[]): YamlFile | undefined {
    const lineCounter = new LineCounter();
    const doc = parseDocument(text, {
      version: '1.1',
      lineCounter,
      uniqueKeys: false,
      prettyErrors: false,
      customTags: (tags) =>
        tags.filter((tag) => typeof tag === 'string' || tag.tag !== TIMESTAMP_TAG),
    });
    const yaml = new YamlFile(file, doc.contents, doc, lineCounter);
    if (doc.errors.length > 0) {
      for (const error of doc.errors) {
        const at = lineCounter.linePos(error.pos[0]);
        problems.push({
          code: 'yaml-syntax',
          severity: 'error',
          file,
          line: at.line,
          column: at.col,
          message: `cannot parse ${file}: ${firstLine(error.message)}`,
          fix: 'correct the YAML at this position (indentation, quoting, a ":" after each key)',
        });
      }
      return undefined;
    }
    yaml.reportDuplicateKeys(problems);
    return yaml;
  }

  /** The position of a node; the start of the file if the node has none. */
  locate(node: Node | null | undefined): SourceLocation {
    const at = this.lineCounter.linePos(node?.range?.[0] ?? 0);
    return { file: this.file, line: at.line, column: at.col };
  }

  /** Builds a problem located at `node`. */
  problem<Code extends string>(
    node: Node | null | undefined,
    code: Code,
    message: string,
    fix: string,
    severity: ProblemSeverity = 'error',
  ): Problem<Code> {
    return { code, severity, ...this.locate(node), message, fix };
  }

  /** The entries of a map node, or undefined when the node is not a map. */
  entries(node: Node | null): MapEntry[] | undefined {
    const target = this.resolve(node);
    if (!isMap(target)) return undefined;
    const entries: MapEntry[] = [];
    for (const pair of target.items) {
      if (!isPair(pair)) continue;
      const keyNode = this.resolve(pair.key as Node | null) ?? target;
      const value = this.resolve((pair.value ?? null) as Node | null);
      const key = isScalar(keyNode) ? keyNode.value : undefined;
      entries.push({
        key: typeof key === 'string' ? key : String(keyNode),
        keyIsString: typeof key === 'string',
        keyNode,
        value,
      });
    }
    return entries;
  }

  /** The items of a list node, or undefined when the node is not a list. */
  items(node: Node | null): (Node | null)[] | undefined {
    const target = this.resolve(node);
    if (!isSeq(target)) return undefined;
    return target.items.map((item) => this.resolve((item ?? null) as Node | null));
  }

  /** The value of a scalar node: null for an absent value, undefined for a map or a list. */
  scalar(node: Node | null): unknown {
    const target = this.resolve(node);
    if (target === null) return null;
    return isScalar(target) ? target.value : undefined;
  }

  /**
   * Describes a value the way juju/schema does in "expected X, got Y" messages: `nothing`,
   * `string("x")`, `int(5)`, `float64(1.5)`, `bool(true)`, `map`, `list`.
   */
  describe(node: Node | null): string {
    const target = this.resolve(node);
    if (isMap(target)) return 'map';
    if (isSeq(target)) return 'list';
    return describeValue(this.scalar(target));
  }

  /** Converts a node to plain data (maps with string keys, lists and scalars). */
  data(node: Node | null): DataValue {
    const target = this.resolve(node);
    if (isMap(target)) {
      const result: Record<string, DataValue> = {};
      for (const entry of this.entries(target) ?? []) result[entry.key] = this.data(entry.value);
      return result;
    }
    if (isSeq(target)) return (this.items(target) ?? []).map((item) => this.data(item));
    return toDataScalar(this.scalar(target));
  }

  private resolve(node: Node | null): Node | null {
    if (node === null || !isAlias(node)) return node;
    return node.resolve(this.doc) ?? null;
  }

  /** go-yaml silently keeps the last of two equal keys; Loom refuses them instead. */
  private reportDuplicateKeys(problems: Problem[]): void {
    visit(this.doc, {
      Map: (_, map) => {
        const seen = new Map<string, Node>();
        for (const pair of map.items) {
          const key = pair.key;
          if (!isScalar(key)) continue;
          const name = String(key.value);
          const first = seen.get(name);
          if (first === undefined) {
            seen.set(name, key);
            continue;
          }
          problems.push(
            this.problem(
              key,
              'duplicate-yaml-key',
              `mapping key "${name}" already defined at line ${this.locate(first).line}`,
              `remove or rename one of the two "${name}" keys; YAML would keep only one of them`,
            ),
          );
        }
      },
    });
  }
}

/** Describes a plain value like juju/schema: `nothing`, `string("x")`, `int(5)`, `bool(true)`. */
export function describeValue(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return `string(${JSON.stringify(value)})`;
    case 'boolean':
      return `bool(${String(value)})`;
    case 'number':
      return Number.isInteger(value) ? `int(${String(value)})` : `float64(${String(value)})`;
    case 'bigint':
      return `int(${value.toString()})`;
    case 'undefined':
      return 'nothing';
    default:
      return value === null ? 'nothing' : 'an unsupported value';
  }
}

function toDataScalar(value: unknown): DataValue {
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return value;
  }
  if (value === null || value === undefined) return null;
  if (value instanceof Uint8Array) return btoa(String.fromCharCode(...value));
  // Other YAML 1.1 scalars (there are none besides binary today) are kept as their JSON text.
  return JSON.stringify(value);
}

function firstLine(message: string): string {
  return message.split('\n', 1)[0] ?? message;
}
