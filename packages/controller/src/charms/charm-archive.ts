/**
 * Charms as the controller takes them: uploaded files or a directory on its own host, checked
 * by core's loader, stored under a URL `local:<name>-<revision>` with the revision counting up
 * per charm name in the model, as Juju numbers local charms.
 */
import { CHARM_FILE_NAMES, formatProblem, isError, loadCharm } from '@loom/core';
import type { CharmFiles, CharmMetadata } from '@loom/core';
import { readCharmFiles } from '@loom/protocol';
import type { CharmFileDocument } from '@loom/protocol';

import { CharmError } from '../controller-error.js';

/** A charm ready to deploy. */
export interface LoadedCharm {
  readonly metadata: CharmMetadata;
  readonly files: readonly CharmFileDocument[];
}

/** Where a deploy's charm comes from. */
export type CharmSource =
  { readonly path: string } | { readonly files: readonly CharmFileDocument[] };

/**
 * Reads and checks a charm.
 *
 * @throws CharmError naming every problem that makes the charm invalid.
 */
export async function loadCharmSource(source: CharmSource): Promise<LoadedCharm> {
  let files: readonly CharmFileDocument[];
  if ('path' in source) {
    try {
      files = await readCharmFiles(source.path);
    } catch (error) {
      throw new CharmError(error instanceof Error ? error.message : String(error));
    }
  } else {
    files = source.files;
  }
  const metadataFiles: CharmFiles = {};
  for (const name of CHARM_FILE_NAMES) {
    const file = files.find((candidate) => candidate.path === name);
    if (file !== undefined)
      metadataFiles[name] = Buffer.from(file.content, 'base64').toString('utf8');
  }
  const result = loadCharm(metadataFiles);
  if (!result.ok) {
    const problems = result.problems.filter(isError).map((problem) => formatProblem(problem));
    throw new CharmError(
      `cannot deploy an invalid charm:\n${problems.join('\n')}\nrun "loom charm check <dir>" for details and fixes`,
    );
  }
  return { metadata: result.metadata, files };
}

/** The URL the next upload of charm `name` gets, given the URLs the model holds. */
export function nextCharmUrl(name: string, urls: Iterable<string>): string {
  let revision = 0;
  const prefix = `local:${name}-`;
  for (const url of urls) {
    if (!url.startsWith(prefix)) continue;
    const taken = Number(url.slice(prefix.length));
    if (Number.isInteger(taken)) revision = Math.max(revision, taken + 1);
  }
  return `${prefix}${revision}`;
}

/** The revision in a charm URL (`local:db-3` → 3). */
export function charmRevision(url: string): number {
  const revision = Number(url.slice(url.lastIndexOf('-') + 1));
  return Number.isInteger(revision) ? revision : 0;
}
