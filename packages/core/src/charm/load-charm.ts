/**
 * Loading a charm from the text of its files: the split format (metadata.yaml + config.yaml +
 * actions.yaml) or the unified charmcraft.yaml (metadata, `config:` and `actions:` in one file).
 * Pure: the caller reads the files; this returns metadata or the problems that prevent it.
 */
import type { Node } from 'yaml';

import { checkMetadata } from './check-metadata.js';
import { field, FieldReader } from './field-reader.js';
import type { ActionSpec, CharmMetadata, ConfigOption, MetadataSource } from './metadata.js';
import { isError, sortProblems } from './problem.js';
import type { CharmProblem } from './problem.js';
import { readActions } from './read-actions.js';
import { readConfig } from './read-config.js';
import { readMetadata } from './read-metadata.js';
import { YamlFile } from './yaml-file.js';

/** The files of a charm directory that Loom reads. */
export const CHARM_FILE_NAMES = [
  'metadata.yaml',
  'charmcraft.yaml',
  'config.yaml',
  'actions.yaml',
] as const;

/** One of the files Loom reads from a charm directory. */
export type CharmFileName = (typeof CHARM_FILE_NAMES)[number];

/** The text of each charm file that exists; absent files are left out. */
export type CharmFiles = Partial<Record<CharmFileName, string>>;

/** Metadata and any warnings, or the problems (errors and warnings) that make the charm invalid. */
export type CharmLoadResult =
  | {
      readonly ok: true;
      readonly metadata: CharmMetadata;
      /** Warnings only. */
      readonly problems: readonly CharmProblem[];
    }
  | { readonly ok: false; readonly problems: readonly CharmProblem[] };

/** Top-level keys that make a charmcraft.yaml carry metadata. */
const METADATA_KEYS = ['name', 'summary', 'description', 'provides', 'requires', 'peers'];

/**
 * Loads a charm from its files. Never throws on bad input: every problem comes back as a value
 * with a code, a position and a fix.
 *
 * @example
 * const result = loadCharm({ 'metadata.yaml': text });
 * if (result.ok) console.log(result.metadata.endpoints);
 */
export function loadCharm(files: CharmFiles): CharmLoadResult {
  const problems: CharmProblem[] = [];
  const parsed = parseFiles(files, problems);
  const source = metadataSource(files, parsed, problems);
  const metadataFile = source === undefined ? undefined : parsed[source];
  if (source === undefined || metadataFile === undefined) {
    return { ok: false, problems: sortProblems(problems) };
  }

  const metadataReader = new FieldReader(metadataFile, problems, 'metadata');
  const draft = readMetadata(metadataReader, metadataFile.root);
  const charmName = draft?.name ?? '';
  const config = readSection(files, parsed, 'config', problems, (reader, node, at) =>
    readConfig(reader, node, at),
  );
  const actions = readSection(files, parsed, 'actions', problems, (reader, node) =>
    readActions(reader, node, charmName),
  );
  if (draft !== undefined) checkMetadata(metadataFile, draft, problems);

  if (draft === undefined || problems.some(isError)) {
    return { ok: false, problems: sortProblems(problems) };
  }
  const { nameNode, subordinateNode, endpoints, extraBindings, ...fields } = draft;
  const metadata: CharmMetadata = {
    ...fields,
    endpoints: endpoints.map(({ endpoint }) => endpoint),
    extraBindings: extraBindings.map(({ name }) => name),
    config,
    actions,
    source,
  };
  return { ok: true, metadata, problems: sortProblems(problems) };
}

type ParsedFiles = Partial<Record<CharmFileName, YamlFile>>;

function parseFiles(files: CharmFiles, problems: CharmProblem[]): ParsedFiles {
  const parsed: ParsedFiles = {};
  for (const name of CHARM_FILE_NAMES) {
    const text = files[name];
    if (text === undefined) continue;
    const yaml = YamlFile.parse(name, text, problems);
    if (yaml !== undefined) parsed[name] = yaml;
  }
  return parsed;
}

/** Decides which file holds the metadata; reports a charm with none, or with two. */
function metadataSource(
  files: CharmFiles,
  parsed: ParsedFiles,
  problems: CharmProblem[],
): MetadataSource | undefined {
  const charmcraft = parsed['charmcraft.yaml'];
  const charmcraftKeys =
    charmcraft === undefined ? [] : (charmcraft.entries(charmcraft.root) ?? []);
  const metadataKeys = charmcraftKeys.filter((entry) => METADATA_KEYS.includes(entry.key));
  if (files['metadata.yaml'] !== undefined) {
    const first = metadataKeys[0];
    if (charmcraft !== undefined && first !== undefined) {
      problems.push(
        charmcraft.problem(
          first.keyNode,
          'metadata-conflict',
          `charmcraft.yaml declares "${first.key}" but the charm also has metadata.yaml`,
          'keep the metadata in one place: remove it from charmcraft.yaml, or delete metadata.yaml',
        ),
      );
    }
    return 'metadata.yaml';
  }
  if (field(charmcraftKeys, 'name') !== undefined) return 'charmcraft.yaml';
  if (files['charmcraft.yaml'] !== undefined && charmcraft === undefined) return undefined;
  problems.push({
    code: 'no-metadata',
    severity: 'error',
    file: files['charmcraft.yaml'] === undefined ? 'metadata.yaml' : 'charmcraft.yaml',
    line: 1,
    column: 1,
    message:
      files['charmcraft.yaml'] === undefined
        ? 'charm has no metadata.yaml and no charmcraft.yaml'
        : 'charmcraft.yaml has no charm metadata (name, summary, description) and there is no metadata.yaml',
    fix: 'add metadata.yaml with name, summary and description, or put them in charmcraft.yaml',
  });
  return undefined;
}

/**
 * Reads config or actions: from the key in charmcraft.yaml, or else from its own file.
 * Both at once is refused, as the two would disagree.
 */
function readSection<T extends ConfigOption | ActionSpec>(
  files: CharmFiles,
  parsed: ParsedFiles,
  key: 'config' | 'actions',
  problems: CharmProblem[],
  read: (reader: FieldReader, node: Node | null, at: Node | null) => T[],
): T[] {
  const ownFile = `${key}.yaml` as const;
  const charmcraft = parsed['charmcraft.yaml'];
  // charmcraft packs `config:` and `actions:` into their own files whatever format the metadata uses.
  const inline =
    charmcraft === undefined ? undefined : field(charmcraft.entries(charmcraft.root) ?? [], key);
  if (inline !== undefined && charmcraft !== undefined) {
    if (files[ownFile] !== undefined) {
      problems.push(
        charmcraft.problem(
          inline.keyNode,
          'metadata-conflict',
          `charmcraft.yaml declares "${key}" but the charm also has ${ownFile}`,
          `keep the ${key} in one place: remove "${key}:" from charmcraft.yaml, or delete ${ownFile}`,
        ),
      );
    }
    const reader = new FieldReader(charmcraft, problems, `invalid ${key}`);
    return read(reader, inline.value, inline.keyNode);
  }
  const own = parsed[ownFile];
  if (own === undefined) return [];
  return read(new FieldReader(own, problems, `invalid ${key}`), own.root, own.root);
}
