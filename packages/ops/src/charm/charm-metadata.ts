/**
 * The charm's metadata for a hook. Parsing YAML is the largest cost of a TypeScript charm's
 * start, so the metadata Loom's loader made is cached beside the charm's files in
 * `.loom-metadata.json`, with the texts it was made from; a hook whose files are unchanged reads
 * the cache and never loads the YAML parser. An upgrade that changes a file is seen at once.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { CharmMetadata } from '@loom/core';

/** The cache file in the charm directory. */
export const METADATA_CACHE_FILE = '.loom-metadata.json';

interface MetadataCache {
  /** Each file the loader reads, with its text, or null when the charm has none. */
  readonly files: Readonly<Record<string, string | null>>;
  readonly metadata: CharmMetadata;
}

/**
 * The metadata of the charm in `charmDir`: from the cache when its files are unchanged, else
 * loaded and checked by @loom/core (and cached for the next hook).
 *
 * @throws Error listing every problem when the metadata is not valid.
 */
export async function readCharmMetadata(charmDir: string): Promise<CharmMetadata> {
  const cached = readCache(charmDir);
  if (cached !== undefined && unchanged(charmDir, cached.files)) return cached.metadata;
  // Loaded only when needed: the loader brings the YAML parser.
  const { CHARM_FILE_NAMES, formatProblem, isError, loadCharm } = await import('@loom/core');
  const texts: Record<string, string | null> = {};
  const files: Record<string, string> = {};
  for (const name of CHARM_FILE_NAMES) {
    const text = readText(join(charmDir, name));
    texts[name] = text ?? null;
    if (text !== undefined) files[name] = text;
  }
  const loaded = loadCharm(files);
  if (!loaded.ok) {
    const problems = loaded.problems.filter(isError).map((problem) => formatProblem(problem));
    throw new Error(`the charm's metadata in ${charmDir} is not valid:\n${problems.join('\n')}`);
  }
  writeCache(charmDir, { files: texts, metadata: loaded.metadata });
  return loaded.metadata;
}

/** The file's text, or undefined when it cannot be read (synchronous, as in unit-state.ts). */
function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function readCache(charmDir: string): MetadataCache | undefined {
  const text = readText(join(charmDir, METADATA_CACHE_FILE));
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as MetadataCache;
  } catch {
    return undefined; // a damaged cache is made again
  }
}

function unchanged(charmDir: string, files: Readonly<Record<string, string | null>>): boolean {
  const names = Object.keys(files);
  return (
    names.length > 0 &&
    names.every((name) => (readText(join(charmDir, name)) ?? null) === files[name])
  );
}

/** Writes the cache beside, then renames it in; a charm directory that is read-only costs speed only. */
function writeCache(charmDir: string, cache: MetadataCache): void {
  const path = join(charmDir, METADATA_CACHE_FILE);
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, JSON.stringify(cache));
    renameSync(temporary, path);
  } catch {
    // Not cached; the next hook loads the metadata again.
  }
}
