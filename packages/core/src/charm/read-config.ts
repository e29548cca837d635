/**
 * Reading a charm's config options (charm: `ReadConfig`): `config.yaml`, or the `config:` key of a
 * unified charmcraft.yaml. Both hold `options:`, a map of option name to type, description and
 * default; defaults are checked against the type with juju/schema's coercions.
 */
import type { Node } from 'yaml';

import { field } from './field-reader.js';
import type { FieldReader } from './field-reader.js';
import type { ConfigOption, ConfigOptionType } from './metadata.js';
import { CONFIG_COERCIONS } from './schema-values.js';

const TYPES = Object.keys(CONFIG_COERCIONS) as ConfigOptionType[];

/**
 * Reads the options under `node` (a map with `options:`). `at` is where to point when the whole
 * config is missing or empty.
 */
export function readConfig(
  reader: FieldReader,
  node: Node | null,
  at: Node | null,
): ConfigOption[] {
  if (reader.yaml.scalar(node) === null) {
    reader.problems.push(
      reader.yaml.problem(
        at,
        'config-empty',
        'invalid config: empty configuration',
        'add an "options:" map, or remove the empty config',
      ),
    );
    return [];
  }
  const entries = reader.map(node, '', 'write the config as a map with an "options:" key');
  if (entries === undefined) return [];
  const optionsEntry = field(entries, 'options');
  if (optionsEntry === undefined || reader.yaml.scalar(optionsEntry.value) === null) return [];
  const options = reader.map(
    optionsEntry.value,
    'options',
    'make "options" a map of option names',
    optionsEntry.value,
  );
  if (options === undefined) return [];
  const result: ConfigOption[] = [];
  for (const option of options) {
    const read = readOption(reader, option.key, option.value, option.keyNode);
    if (read !== undefined) result.push(read);
  }
  return result;
}

function readOption(
  reader: FieldReader,
  name: string,
  node: Node | null,
  keyNode: Node,
): ConfigOption | undefined {
  const fields = reader.map(
    node,
    `options.${name}`,
    `give option "${name}" a map with "type", "description" and "default"`,
    node ?? keyNode,
  );
  if (fields === undefined) return undefined;
  const typeEntry = field(fields, 'type');
  // go-yaml reads any scalar into a string field; a missing type means string (as in pyjuju).
  const typeText = scalarText(reader, typeEntry?.value ?? null) ?? '';
  const type = typeText === '' ? 'string' : TYPES.find((candidate) => candidate === typeText);
  if (type === undefined) {
    reader.problems.push(
      reader.yaml.problem(
        typeEntry?.value ?? keyNode,
        'config-type',
        `invalid config: option "${name}" has unknown type "${typeText}"`,
        `use one of: ${TYPES.join(', ')}`,
      ),
    );
    return undefined;
  }
  const description = scalarText(reader, field(fields, 'description')?.value ?? null) ?? '';
  const defaultNode = field(fields, 'default')?.value ?? null;
  const raw = reader.yaml.scalar(defaultNode);
  if (raw === null || (raw === '' && type === 'string')) {
    return raw === '' ? { name, type, description, default: '' } : { name, type, description };
  }
  const coerced = raw === undefined ? { ok: false as const } : CONFIG_COERCIONS[type](raw);
  if (!coerced.ok) {
    reader.problems.push(
      reader.yaml.problem(
        defaultNode,
        'config-default',
        `invalid config default: option "${name}" expected ${type}, got ${goValue(reader, defaultNode)}`,
        `make the default a ${type} value, or remove it`,
      ),
    );
    return undefined;
  }
  return { name, type, description, default: coerced.value };
}

/** A scalar's text as go-yaml would store it in a string field; undefined for maps and lists. */
function scalarText(reader: FieldReader, node: Node | null): string | undefined {
  const value = reader.yaml.scalar(node);
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return String(value);
  }
  return undefined;
}

/** A value as Go's `%#v` prints it in Juju's message: `"text"`, `8080`, `true`. */
function goValue(reader: FieldReader, node: Node | null): string {
  const value = reader.yaml.scalar(node);
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return String(value);
  }
  return reader.yaml.describe(node);
}
