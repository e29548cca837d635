/**
 * Reading a charm's actions (charm: `ReadActionsYaml`): `actions.yaml`, or the `actions:` key of a
 * unified charmcraft.yaml. Each action has a description and a JSON-Schema for its parameters;
 * keys Loom does not interpret are kept, as Juju copies them into the action's schema.
 */
import type { Node } from 'yaml';

import { field } from './field-reader.js';
import type { FieldReader } from './field-reader.js';
import type { ActionSpec } from './metadata.js';
import { ACTION_NAME_PATTERN, reservedNameReason } from './names.js';
import type { DataObject, DataValue, MapEntry } from './yaml-file.js';

/** Keys of an action that Loom reads; every other key goes to `extra`. */
const KNOWN_KEYS = new Set([
  'description',
  'params',
  'required',
  'additionalProperties',
  'parallel',
  'execution-group',
]);

/** JSON-Schema keys Juju refuses inside action parameters (charm: `prohibitedSchemaKeys`). */
const PROHIBITED_SCHEMA_KEYS = ['$ref', '$schema'];

/** Reads every action in `node` (a map of action names); an empty file declares no actions. */
export function readActions(
  reader: FieldReader,
  node: Node | null,
  charmName: string,
): ActionSpec[] {
  if (reader.yaml.scalar(node) === null) return [];
  const entries = reader.map(node, '', 'write the actions as a map of action names');
  if (entries === undefined) return [];
  const actions: ActionSpec[] = [];
  for (const entry of entries) {
    if (!checkActionName(reader, entry.key, entry.keyNode, charmName)) continue;
    const action = readAction(reader, entry.key, entry.value, entry.keyNode);
    if (action !== undefined) actions.push(action);
  }
  return actions;
}

function checkActionName(reader: FieldReader, name: string, at: Node, charmName: string): boolean {
  if (!ACTION_NAME_PATTERN.test(name)) {
    reader.problems.push(
      reader.yaml.problem(
        at,
        'action-name',
        `bad action name ${name}`,
        'use lowercase letters, digits and "-", starting and ending with a letter or digit',
      ),
    );
    return false;
  }
  const reason = reservedNameReason(charmName, name);
  if (reason === undefined) return true;
  reader.problems.push(
    reader.yaml.problem(
      at,
      'action-name',
      `cannot use action name ${name}: ${reason}`,
      'rename the action',
    ),
  );
  return false;
}

function readAction(
  reader: FieldReader,
  name: string,
  node: Node | null,
  keyNode: Node,
): ActionSpec | undefined {
  if (reader.yaml.scalar(node) === null) {
    return { ...EMPTY_ACTION, name };
  }
  const fields = reader.map(node, name, `give action "${name}" a map (description, params...)`);
  if (fields === undefined) return undefined;
  const paramsNode = field(fields, 'params')?.value ?? null;
  const params = readParams(reader, name, paramsNode ?? keyNode, paramsNode);
  const description = reader.yaml.scalar(field(fields, 'description')?.value ?? null);
  const requiredNode = field(fields, 'required')?.value ?? null;
  const required =
    requiredNode === null
      ? []
      : reader.stringList(requiredNode, `${name}.required`, 'list the required parameter names');
  const additional = optionalBool(reader, fields, name, 'additionalProperties');
  const parallel = optionalBool(reader, fields, name, 'parallel');
  const groupNode = field(fields, 'execution-group')?.value ?? null;
  const executionGroup =
    groupNode === null
      ? ''
      : reader.string(groupNode, `${name}.execution-group`, 'name the execution group as a string');
  if (params === undefined || required === undefined || executionGroup === undefined) {
    return undefined;
  }
  if (additional === null || parallel === null) return undefined;
  const extra: Record<string, DataValue> = {};
  for (const entry of fields) {
    if (!KNOWN_KEYS.has(entry.key)) extra[entry.key] = reader.yaml.data(entry.value);
  }
  return {
    name,
    description: typeof description === 'string' ? description : EMPTY_ACTION.description,
    params,
    required,
    ...(additional === undefined ? {} : { additionalProperties: additional }),
    parallel: parallel ?? false,
    executionGroup,
    extra,
  };
}

const EMPTY_ACTION: Omit<ActionSpec, 'name'> = {
  description: 'No description',
  params: {},
  required: [],
  parallel: false,
  executionGroup: '',
  extra: {},
};

/** `params` must be a map (a JSON-Schema `properties` object) without `$ref` or `$schema`. */
function readParams(
  reader: FieldReader,
  action: string,
  at: Node,
  node: Node | null,
): DataObject | undefined {
  if (node === null) return {};
  const fields = reader.yaml.entries(node);
  if (fields === undefined) {
    reader.problems.push(
      reader.yaml.problem(
        at,
        'action-params',
        `invalid params schema for action schema ${action}: the params failed to parse as a map`,
        'write "params" as a map of parameter names to JSON-Schema definitions',
      ),
    );
    return undefined;
  }
  const params = reader.yaml.data(node) as DataObject;
  const prohibited = findProhibitedKey(params);
  if (prohibited === undefined) return params;
  reader.problems.push(
    reader.yaml.problem(
      at,
      'action-params',
      `invalid params schema for action schema ${action}: schema key "${prohibited}" not compatible with this version of juju`,
      `remove "${prohibited}" from the parameters of "${action}"`,
    ),
  );
  return undefined;
}

function findProhibitedKey(value: DataValue): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  if (Array.isArray(value)) {
    for (const item of value as readonly DataValue[]) {
      const found = findProhibitedKey(item);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  for (const [key, child] of Object.entries(value as DataObject)) {
    if (PROHIBITED_SCHEMA_KEYS.includes(key)) return key;
    const found = findProhibitedKey(child);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** An optional boolean key: undefined when absent, null when present but not a boolean. */
function optionalBool(
  reader: FieldReader,
  fields: readonly MapEntry[],
  action: string,
  key: string,
): boolean | undefined | null {
  const entry = field(fields, key);
  if (entry === undefined) return undefined;
  return reader.bool(entry.value, `${action}.${key}`, `use "${key}: true" or "false"`) ?? null;
}
