/**
 * Reading a bundle file (Juju's bundle format, local charms only) and checking everything that
 * can be checked without the charms or the model: its shape, names, placement directives and
 * the machines and applications they refer to, and the relations' syntax. Problems are values,
 * each at its line; nothing throws.
 */
import type { Node } from 'yaml';

import { APPLICATION_NAME_PATTERN } from '../charm/names.js';
import type { ConfigValue } from '../charm/metadata.js';
import { field, FieldReader } from '../charm/field-reader.js';
import { sortProblems } from '../charm/problem.js';
import type { SourceLocation } from '../charm/problem.js';
import { YamlFile } from '../charm/yaml-file.js';
import type { MapEntry } from '../charm/yaml-file.js';
import { bundleProblem } from './bundle.js';
import type {
  BundleApplication,
  BundleMachine,
  BundleProblem,
  BundleProblemCode,
  BundleRelation,
  BundleSpec,
} from './bundle.js';
import { checkBundleReferences } from './bundle-references.js';

/** Top-level keys Juju's bundles have that mean nothing to a Loom deploy. */
const DESCRIPTIVE_KEYS = [
  'description',
  'name',
  'series',
  'default-base',
  'docs',
  'issues',
  'source',
  'website',
  'tags',
  'type',
];
/** Application keys of Juju's bundles that Loom reads but does not model: a warning each. */
const IGNORED_APPLICATION_KEYS = [
  'annotations',
  'base',
  'bindings',
  'channel',
  'constraints',
  'devices',
  'expose',
  'exposed-endpoints',
  'plan',
  'resources',
  'revision',
  'series',
  'storage',
  'trust',
];
const APPLICATION_KEYS = ['charm', 'num_units', 'scale', 'options', 'to'];
const MACHINE_KEYS = ['annotations', 'base', 'constraints', 'series'];

/**
 * What reading a bundle gives: the bundle as read, whenever the file parses as a map, and every
 * problem found. Deploy it only when no problem is an error.
 */
export interface BundleReadResult {
  readonly bundle?: BundleSpec;
  readonly problems: readonly BundleProblem[];
}

/**
 * Reads and checks a bundle. `file` names it in problems.
 *
 * @example
 * const { bundle, problems } = readBundle('bundle.yaml', text);
 * for (const problem of problems) console.log(formatProblem(problem));
 */
export function readBundle(file: string, text: string): BundleReadResult {
  const problems: BundleProblem[] = [];
  const yaml = YamlFile.parse(file, text, problems);
  if (yaml === undefined) return { problems };
  const reader = new FieldReader<BundleProblemCode>(yaml, problems, 'bundle');
  const bundle = readTopLevel(reader);
  if (bundle !== undefined) problems.push(...checkBundleReferences(bundle));
  const sorted = sortProblems(problems);
  return bundle === undefined ? { problems: sorted } : { bundle, problems: sorted };
}

type Reader = FieldReader<BundleProblemCode>;

function readTopLevel(reader: Reader): BundleSpec | undefined {
  const { yaml } = reader;
  const entries = reader.map(
    yaml.root,
    '',
    'write the bundle as a map with an "applications:" key',
  );
  if (entries === undefined) return undefined;
  const known = ['applications', 'services', 'machines', 'relations', 'saas', ...DESCRIPTIVE_KEYS];
  reportUnknownKeys(reader, entries, known, 'bundle');
  const saas = field(entries, 'saas');
  if (saas !== undefined) {
    reader.problems.push(
      yaml.problem(
        saas.keyNode,
        'not-supported',
        'saas (offers of other models) is not supported in bundles yet',
        'remove "saas:" and relate to the offer with "loom integrate" once cross-model relations land',
      ),
    );
  }
  const applicationsEntry = field(entries, 'applications') ?? field(entries, 'services');
  const applications =
    applicationsEntry === undefined ? [] : readApplications(reader, applicationsEntry);
  if (applications.length === 0) {
    reader.problems.push(
      yaml.problem(
        applicationsEntry?.keyNode ?? yaml.root,
        'no-applications',
        'bundle has no applications',
        'list the applications under "applications:", each with a "charm:" path',
      ),
    );
  }
  const machinesEntry = field(entries, 'machines');
  const relationsEntry = field(entries, 'relations');
  return {
    file: yaml.file,
    applications,
    machines: machinesEntry === undefined ? [] : readMachines(reader, machinesEntry),
    relations: relationsEntry === undefined ? [] : readRelations(reader, relationsEntry),
  };
}

function readApplications(reader: Reader, entry: MapEntry): BundleApplication[] {
  if (reader.yaml.scalar(entry.value) === null) return [];
  const applications = reader.map(
    entry.value,
    entry.key,
    'make "applications" a map of application names',
    entry.value ?? entry.keyNode,
  );
  const result: BundleApplication[] = [];
  for (const application of applications ?? []) {
    const read = readApplication(reader, application);
    if (read !== undefined) result.push(read);
  }
  return result;
}

function readApplication(reader: Reader, entry: MapEntry): BundleApplication | undefined {
  const { yaml } = reader;
  const name = entry.key;
  const path = `applications.${name}`;
  if (!APPLICATION_NAME_PATTERN.test(name)) {
    reader.problems.push(
      yaml.problem(
        entry.keyNode,
        'bad-application-name',
        `invalid application name "${name}"`,
        'use lower-case letters, digits and dashes, starting with a letter (e.g. "my-db")',
      ),
    );
  }
  const fields = reader.map(
    entry.value,
    path,
    `give application "${name}" a map with at least "charm:"`,
    entry.value ?? entry.keyNode,
  );
  if (fields === undefined) return undefined;
  reportUnknownKeys(reader, fields, [...APPLICATION_KEYS, ...IGNORED_APPLICATION_KEYS], path);
  for (const ignored of fields.filter((candidate) =>
    IGNORED_APPLICATION_KEYS.includes(candidate.key),
  )) {
    reader.problems.push(
      yaml.problem(
        ignored.keyNode,
        'ignored-key',
        `${path}.${ignored.key} is not modelled by Loom and is ignored`,
        `remove "${ignored.key}" to silence this warning`,
        'warning',
      ),
    );
  }
  const charmEntry = field(fields, 'charm');
  const charm = readCharmPath(reader, name, charmEntry, entry.keyNode);
  const unitsEntry = field(fields, 'num_units') ?? field(fields, 'scale');
  const numUnits = readUnitCount(reader, path, unitsEntry);
  const optionsEntry = field(fields, 'options');
  const toEntry = field(fields, 'to');
  const here = (candidate: MapEntry | undefined): SourceLocation =>
    yaml.locate(candidate?.keyNode ?? entry.keyNode);
  return {
    name,
    charm: charm ?? '',
    numUnits: numUnits ?? 0,
    options: optionsEntry === undefined ? {} : readOptions(reader, path, optionsEntry),
    to: toEntry === undefined ? [] : readPlacements(reader, path, toEntry),
    at: {
      name: yaml.locate(entry.keyNode),
      charm: here(charmEntry),
      numUnits: here(unitsEntry),
      options: here(optionsEntry),
      to: here(toEntry),
    },
  };
}

function readCharmPath(
  reader: Reader,
  application: string,
  entry: MapEntry | undefined,
  at: Node,
): string | undefined {
  const { yaml } = reader;
  if (entry === undefined) {
    reader.problems.push(
      yaml.problem(
        at,
        'schema',
        `application "${application}" has no charm`,
        'add "charm: ./path/to/charm", relative to the bundle file',
      ),
    );
    return undefined;
  }
  const charm = reader.string(
    entry.value,
    `applications.${application}.charm`,
    'give the charm as a path relative to the bundle file, such as ./charms/db',
    entry.value ?? entry.keyNode,
  );
  if (charm === undefined) return undefined;
  if (!charm.startsWith('.') && !charm.startsWith('/')) {
    reader.problems.push(
      yaml.problem(
        entry.value,
        'not-local-charm',
        `charm "${charm}" of application "${application}" is not a local path: Loom deploys local charms only`,
        `write a path relative to the bundle file, such as ./charms/${charm.replace(/^(ch|cs|local):/, '')}`,
      ),
    );
    return undefined;
  }
  return charm;
}

function readUnitCount(reader: Reader, path: string, entry: MapEntry | undefined) {
  if (entry === undefined) return undefined;
  const count = reader.int(entry.value, `${path}.${entry.key}`, 'give a whole number of units');
  if (count !== undefined && count < 0) {
    reader.problems.push(
      reader.yaml.problem(
        entry.value,
        'schema',
        `${path}.${entry.key}: expected a number of units of 0 or more, got ${count}`,
        'give a whole number of units, 0 or more',
      ),
    );
    return undefined;
  }
  return count;
}

function readOptions(reader: Reader, path: string, entry: MapEntry): Record<string, ConfigValue> {
  const { yaml } = reader;
  const options: Record<string, ConfigValue> = {};
  if (yaml.scalar(entry.value) === null) return options;
  const fields = reader.map(
    entry.value,
    `${path}.options`,
    'make "options" a map of option names to values',
    entry.value ?? entry.keyNode,
  );
  for (const option of fields ?? []) {
    const value = yaml.scalar(option.value);
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      options[option.key] = value;
    } else if (typeof value === 'bigint') {
      options[option.key] = Number(value);
    } else {
      reader.problems.push(
        yaml.problem(
          option.value ?? option.keyNode,
          'bad-option',
          `${path}.options.${option.key}: expected a string, number or boolean, got ${yaml.describe(option.value)}`,
          `give option "${option.key}" a value, or remove it to keep the charm's default`,
        ),
      );
    }
  }
  return options;
}

function readPlacements(reader: Reader, path: string, entry: MapEntry): string[] {
  // Juju accepts one directive as a plain string as well as a list.
  const single = reader.yaml.scalar(entry.value);
  if (typeof single === 'string' || typeof single === 'number') return [String(single)];
  const list = reader.yaml.items(entry.value);
  if (list === undefined) {
    reader.expected(
      entry.value,
      `${path}.to`,
      'list',
      'list placement directives, e.g. ["0", "new"]',
    );
    return [];
  }
  const directives: string[] = [];
  list.forEach((item, index) => {
    const value = reader.yaml.scalar(item);
    if (typeof value === 'string' || typeof value === 'number') directives.push(String(value));
    else
      reader.expected(item, `${path}.to[${index}]`, 'string', 'write each directive as a string');
  });
  return directives;
}

function readMachines(reader: Reader, entry: MapEntry): BundleMachine[] {
  const { yaml } = reader;
  if (yaml.scalar(entry.value) === null) return [];
  const machines = reader.map(
    entry.value,
    'machines',
    'make "machines" a map of machine ids ("0", "1", ...)',
    entry.value ?? entry.keyNode,
  );
  const result: BundleMachine[] = [];
  for (const machine of machines ?? []) {
    if (!/^(0|[1-9][0-9]*)$/.test(machine.key)) {
      reader.problems.push(
        yaml.problem(
          machine.keyNode,
          'bad-machine-id',
          `invalid machine id "${machine.key}" found in machines`,
          'number the machines "0", "1", ...',
        ),
      );
      continue;
    }
    if (yaml.scalar(machine.value) !== null) {
      const fields = reader.map(machine.value, `machines.${machine.key}`, 'give a map or nothing');
      if (fields !== undefined)
        reportUnknownKeys(reader, fields, MACHINE_KEYS, `machines.${machine.key}`);
    }
    result.push({ id: machine.key, at: yaml.locate(machine.keyNode) });
  }
  return result;
}

function readRelations(reader: Reader, entry: MapEntry): BundleRelation[] {
  const { yaml } = reader;
  if (yaml.scalar(entry.value) === null) return [];
  const items = yaml.items(entry.value);
  if (items === undefined) {
    reader.expected(
      entry.value,
      'relations',
      'list',
      'list relations as pairs: - [app:endpoint, db]',
    );
    return [];
  }
  const relations: BundleRelation[] = [];
  items.forEach((item, index) => {
    const pair = yaml.items(item);
    const endpoints = pair?.map((node) => yaml.scalar(node));
    const [first, second] = endpoints ?? [];
    if (endpoints?.length !== 2 || typeof first !== 'string' || typeof second !== 'string') {
      reader.problems.push(
        yaml.problem(
          item,
          'bad-relation',
          `relations[${index}]: expected a pair of endpoints, got ${yaml.describe(item)}`,
          'write each relation as a pair: - [app:endpoint, db:endpoint] (the endpoint may be left out)',
        ),
      );
      return;
    }
    relations.push({ endpoints: [first, second], at: yaml.locate(item) });
  });
  return relations;
}

function reportUnknownKeys(
  reader: Reader,
  entries: readonly MapEntry[],
  known: readonly string[],
  path: string,
): void {
  for (const entry of entries) {
    if (known.includes(entry.key)) continue;
    reader.problems.push(
      bundleProblem(
        reader.yaml.locate(entry.keyNode),
        'unknown-key',
        `${path}: unknown key "${entry.key}"`,
        `use one of: ${known.join(', ')}`,
      ),
    );
  }
}
