/**
 * Reading `provides`, `requires` and `peers` (R1.1–R1.3): each entry is an interface name
 * (shorthand) or a map with `interface`, `limit`, `optional` and `scope`.
 */
import type { Node } from 'yaml';

import { field } from './field-reader.js';
import type { FieldReader } from './field-reader.js';
import type { Endpoint, EndpointRole, EndpointScope } from './metadata.js';
import type { MapEntry } from './yaml-file.js';

/** The three maps endpoints are declared in, with the role each implies (R1.1). */
export const ENDPOINT_SECTIONS = [
  { section: 'provides', role: 'provider' },
  { section: 'requires', role: 'requirer' },
  { section: 'peers', role: 'peer' },
] as const satisfies readonly { section: string; role: EndpointRole }[];

/** An endpoint together with the YAML nodes later checks point at. */
export interface DeclaredEndpoint {
  readonly endpoint: Endpoint;
  readonly section: (typeof ENDPOINT_SECTIONS)[number]['section'];
  /** The endpoint's key (its name) in the file. */
  readonly nameNode: Node;
  /** The interface name in the file (the shorthand value or the `interface` field). */
  readonly interfaceNode: Node | null;
  /** The `limit` value, when the entry has one. */
  readonly limitNode: Node | null;
}

const SCOPES: readonly EndpointScope[] = ['global', 'container'];

/** Reads one of the three endpoint maps; entries with schema errors are reported and skipped. */
export function readEndpointSection(
  reader: FieldReader,
  { section, role }: (typeof ENDPOINT_SECTIONS)[number],
  node: Node | null,
): DeclaredEndpoint[] {
  const entries = reader.map(node, section, `make "${section}" a map of endpoint names`);
  if (entries === undefined) return [];
  const declared: DeclaredEndpoint[] = [];
  for (const entry of entries) {
    const path = `${section}.${entry.key}`;
    const shorthand = reader.yaml.scalar(entry.value);
    if (typeof shorthand === 'string') {
      declared.push({
        endpoint: { name: entry.key, role, interface: shorthand, ...DEFAULTS },
        section,
        nameNode: entry.keyNode,
        interfaceNode: entry.value,
        limitNode: null,
      });
      continue;
    }
    const fields = reader.map(
      entry.value,
      path,
      `give "${entry.key}" an interface name, or a map with "interface:"`,
      entry.value ?? entry.keyNode,
    );
    if (fields === undefined) continue;
    const endpoint = readEndpointFields(reader, path, entry.key, role, entry.keyNode, fields);
    if (endpoint === undefined) continue;
    declared.push({
      endpoint,
      section,
      nameNode: entry.keyNode,
      interfaceNode: field(fields, 'interface')?.value ?? null,
      limitNode: field(fields, 'limit')?.value ?? null,
    });
  }
  return declared;
}

const DEFAULTS = { limit: 0, optional: false, scope: 'global' } as const;

function readEndpointFields(
  reader: FieldReader,
  path: string,
  name: string,
  role: EndpointRole,
  nameNode: Node,
  fields: readonly MapEntry[],
): Endpoint | undefined {
  const iface = readInterface(reader, path, name, nameNode, field(fields, 'interface'));
  const limit = readLimit(reader, path, field(fields, 'limit')?.value ?? null);
  const optionalNode = field(fields, 'optional')?.value ?? null;
  const optional =
    optionalNode === null
      ? false
      : reader.bool(optionalNode, `${path}.optional`, 'use "optional: true" or "optional: false"');
  const scope = readScope(reader, path, field(fields, 'scope')?.value ?? null);
  if (iface === undefined || limit === undefined || optional === undefined) return undefined;
  if (scope === undefined) return undefined;
  const description = reader.yaml.scalar(field(fields, 'description')?.value ?? null);
  return {
    name,
    role,
    interface: iface,
    limit,
    optional,
    scope,
    ...(typeof description === 'string' ? { description } : {}),
  };
}

/** `interface` is a required string (R1.2); its absence has its own problem code. */
function readInterface(
  reader: FieldReader,
  path: string,
  name: string,
  nameNode: Node,
  entry: MapEntry | undefined,
): string | undefined {
  if (entry === undefined) {
    reader.expected(
      null,
      `${path}.interface`,
      'string',
      `add "interface: <name>" to endpoint "${name}"`,
      'missing-interface',
      nameNode,
    );
    return undefined;
  }
  return reader.string(
    entry.value,
    `${path}.interface`,
    'write the interface name as a string',
    entry.value ?? entry.keyNode,
  );
}

/** `limit` is an int or null; null (or absent) is stored as 0, unlimited (R1.2). */
function readLimit(reader: FieldReader, path: string, node: Node | null): number | undefined {
  if (reader.yaml.scalar(node) === null) return 0;
  return reader.int(node, `${path}.limit`, 'use a whole number, or leave "limit" out for no limit');
}

/** `scope` is `global` (the default) or `container` (R1.2, R1.3). */
function readScope(
  reader: FieldReader,
  path: string,
  node: Node | null,
): EndpointScope | undefined {
  if (node === null) return 'global';
  const value = reader.yaml.scalar(node);
  const scope = SCOPES.find((candidate) => candidate === value);
  if (scope !== undefined) return scope;
  const shown = typeof value === 'string' ? JSON.stringify(value) : reader.yaml.describe(node);
  reader.problems.push(
    reader.yaml.problem(
      node,
      'bad-scope',
      `metadata: ${path}.scope: unexpected value ${shown}`,
      'use "scope: global" or "scope: container"',
    ),
  );
  return undefined;
}
