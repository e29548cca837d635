/**
 * Charms as the controller takes them: uploaded files, or a directory or packed charm on its own
 * host, checked by core's loader, stored under a URL `local:<name>-<revision>` with the revision counting up
 * per charm name in the model, as Juju numbers local charms.
 */
import { formatProblem, isError, loadCharm } from '@loom/core';
import type { CharmMetadata } from '@loom/core';
import { charmMetadataFiles, readCharmSource } from '@loom/protocol';
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
      files = await readCharmSource(source.path);
    } catch (error) {
      throw new CharmError(error instanceof Error ? error.message : String(error));
    }
  } else {
    files = source.files;
  }
  const result = loadCharm(charmMetadataFiles(files));
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
