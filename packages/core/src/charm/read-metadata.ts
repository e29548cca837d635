/**
 * Reading the metadata part of a charm (metadata.yaml, or the top level of a unified
 * charmcraft.yaml) with Juju's schema (charm: `charmSchema`). Checks that need the whole
 * charm (reserved names, duplicates, subordinates) live in check-metadata.ts.
 */
import type { Node } from 'yaml';

import { field } from './field-reader.js';
import type { FieldReader } from './field-reader.js';
import { ENDPOINT_SECTIONS, readEndpointSection } from './read-endpoints.js';
import type { DeclaredEndpoint } from './read-endpoints.js';
import type { CharmMetadata } from './metadata.js';
import type { DataObject, DataValue, MapEntry } from './yaml-file.js';

/** Metadata as read from the file, with the nodes that whole-charm checks point at. */
export interface MetadataDraft extends Omit<
  CharmMetadata,
  'endpoints' | 'extraBindings' | 'config' | 'actions' | 'source'
> {
  readonly nameNode: Node | null;
  /** The `subordinate` key, or the file's root when absent. */
  readonly subordinateNode: Node | null;
  readonly endpoints: readonly DeclaredEndpoint[];
  readonly extraBindings: readonly { readonly name: string; readonly node: Node }[];
}

/** Keys whose value is a map kept as data (charm: `charmSchema` StringMap fields). */
const DATA_MAPS = ['storage', 'containers', 'resources', 'devices', 'payloads'] as const;

/** Keys holding a list of strings (charm: `charmSchema` List(String()) fields). */
const STRING_LISTS = ['tags', 'categories', 'series', 'terms'] as const;

/**
 * Reads the metadata fields from the file's root map. Returns undefined when a field the rest
 * of Loom depends on (name, summary, description) could not be read; problems say why.
 */
export function readMetadata(reader: FieldReader, root: Node | null): MetadataDraft | undefined {
  const entries = reader.map(
    root,
    '',
    'write the metadata as a YAML map (name: ..., summary: ...)',
  );
  if (entries === undefined) return undefined;
  const required = (key: 'name' | 'summary' | 'description'): string | undefined => {
    const entry = field(entries, key);
    return reader.string(
      entry?.value ?? null,
      key,
      `add "${key}: <text>" to the metadata`,
      entry?.value ?? entry?.keyNode ?? root,
    );
  };
  const name = required('name');
  const summary = required('summary');
  const description = required('description');

  const subordinateEntry = field(entries, 'subordinate');
  const subordinate =
    subordinateEntry === undefined
      ? false
      : reader.bool(subordinateEntry.value, 'subordinate', 'use "subordinate: true" or "false"');

  const endpoints = ENDPOINT_SECTIONS.flatMap((section) => {
    const entry = field(entries, section.section);
    return entry === undefined ? [] : readEndpointSection(reader, section, entry.value);
  });

  const lists = Object.fromEntries(
    STRING_LISTS.map((key) => [key, readStringList(reader, entries, key)]),
  ) as Record<(typeof STRING_LISTS)[number], string[]>;
  const maps = Object.fromEntries(
    DATA_MAPS.map((key) => [key, readDataMap(reader, entries, key)]),
  ) as Record<(typeof DATA_MAPS)[number], DataObject>;
  const minJujuVersion = readOptionalString(reader, entries, 'min-juju-version');

  if (name === undefined || summary === undefined || description === undefined) return undefined;
  if (subordinate === undefined) return undefined;
  return {
    name,
    nameNode: field(entries, 'name')?.value ?? null,
    summary,
    description,
    subordinate,
    subordinateNode: subordinateEntry?.keyNode ?? root,
    endpoints,
    extraBindings: readExtraBindings(reader, entries),
    ...lists,
    ...(minJujuVersion === undefined ? {} : { minJujuVersion }),
    ...maps,
    assumes: readAssumes(reader, entries),
  };
}

function readStringList(reader: FieldReader, entries: readonly MapEntry[], key: string): string[] {
  const entry = field(entries, key);
  if (entry === undefined) return [];
  return reader.stringList(entry.value, key, `make "${key}" a list of strings`) ?? [];
}

function readDataMap(reader: FieldReader, entries: readonly MapEntry[], key: string): DataObject {
  const entry = field(entries, key);
  if (entry === undefined) return {};
  const fields = reader.map(entry.value, key, `make "${key}" a map`, entry.value ?? entry.keyNode);
  if (fields === undefined) return {};
  return reader.yaml.data(entry.value) as DataObject;
}

function readOptionalString(
  reader: FieldReader,
  entries: readonly MapEntry[],
  key: string,
): string | undefined {
  const entry = field(entries, key);
  if (entry === undefined) return undefined;
  return reader.string(
    entry.value,
    key,
    `write "${key}" as a string`,
    entry.value ?? entry.keyNode,
  );
}

/** `assumes` is a list of feature expressions (strings or any-of/all-of maps), kept as data. */
function readAssumes(reader: FieldReader, entries: readonly MapEntry[]): DataValue[] {
  const entry = field(entries, 'assumes');
  if (entry === undefined) return [];
  const items = reader.yaml.items(entry.value);
  if (items === undefined) {
    reader.expected(entry.value, 'assumes', 'list', 'make "assumes" a list of features');
    return [];
  }
  return items.map((item) => reader.yaml.data(item));
}

/** `extra-bindings` is a map of binding names to nothing (charm: `extraBindingsSchema`). */
function readExtraBindings(
  reader: FieldReader,
  entries: readonly MapEntry[],
): { name: string; node: Node }[] {
  const entry = field(entries, 'extra-bindings');
  if (entry === undefined) return [];
  const bindings = reader.map(
    entry.value,
    'extra-bindings',
    'make "extra-bindings" a map of binding names with no values',
    entry.value ?? entry.keyNode,
  );
  if (bindings === undefined) return [];
  if (bindings.length === 0) {
    reader.problems.push(
      reader.yaml.problem(
        entry.keyNode,
        'extra-bindings',
        'charm has invalid extra bindings: extra bindings cannot be empty when specified',
        'list at least one binding name under "extra-bindings", or remove the key',
      ),
    );
  }
  for (const binding of bindings) {
    if (reader.yaml.scalar(binding.value) !== null) {
      reader.expected(
        binding.value,
        `extra-bindings.${binding.key}`,
        'nothing',
        `leave "${binding.key}:" without a value`,
      );
    }
  }
  return bindings.map((binding) => ({ name: binding.key, node: binding.keyNode }));
}
