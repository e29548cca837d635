/**
 * Test support: the real-charm corpus in ../shared/corpus (from the repository root). Tests fail,
 * rather than skip, when it is missing.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { CHARM_FILE_NAMES } from '../charm/load-charm.js';
import type { CharmFiles } from '../charm/load-charm.js';

/** packages/core/dist/test-support → the repository root → ../shared/corpus. */
export const CORPUS_DIRECTORY = fileURLToPath(
  new URL('../../../../../shared/corpus/', import.meta.url),
);

/** Fails with a message naming the missing directory and what to do about it. */
export function requireCorpus(): string {
  if (!existsSync(`${CORPUS_DIRECTORY}/charms`)) {
    throw new Error(
      `the real-charm corpus is missing: expected ${CORPUS_DIRECTORY}charms beside the repository (../shared/corpus); check out the shared folder next to the project`,
    );
  }
  return CORPUS_DIRECTORY;
}

/** The names of the charm directories in the corpus, sorted. */
export function corpusCharmDirectories(): string[] {
  const charms = `${requireCorpus()}charms`;
  return readdirSync(charms)
    .filter((name) => statSync(`${charms}/${name}`).isDirectory())
    .sort();
}

/** The files Loom reads from one corpus charm directory. */
export function readCorpusCharm(directory: string): CharmFiles {
  const files: CharmFiles = {};
  for (const name of CHARM_FILE_NAMES) {
    const path = `${requireCorpus()}charms/${directory}/${name}`;
    if (existsSync(path)) files[name] = readFileSync(path, 'utf8');
  }
  return files;
}

/** An endpoint as endpoints.json records it. */
export interface RecordedEndpoint {
  readonly role: 'provides' | 'requires' | 'peers';
  readonly interface: string;
  readonly limit: number | null;
  readonly optional: boolean;
  readonly scope: 'global' | 'container';
}

/** endpoints.json: the endpoints of every corpus charm, recorded independently of Loom. */
export function recordedEndpoints(): Record<
  string,
  { endpoints: Record<string, RecordedEndpoint>; emulated_juju_check_errors: unknown[] }
> {
  return JSON.parse(readFileSync(`${requireCorpus()}endpoints.json`, 'utf8')) as ReturnType<
    typeof recordedEndpoints
  >;
}
