/**
 * A charm to deploy, from a directory or a packed `.charm` archive: its files as they are sent to
 * the controller, and its metadata checked by core's loader first, so a broken charm is reported
 * with file:line before anything is sent.
 */
import { resolve } from 'node:path';

import { isError, loadCharm } from '@loom/core';
import type { CharmMetadata, CharmProblem } from '@loom/core';
import { charmMetadataFiles, ProtocolError, readCharmSource } from '@loom/protocol';
import type { CharmFileDocument } from '@loom/protocol';

import { CliError } from '../errors.js';

/** A charm read from disk: its files, and its metadata or what is wrong with it. */
export type ReadCharm =
  | { readonly ok: true; readonly files: CharmFileDocument[]; readonly metadata: CharmMetadata }
  | { readonly ok: false; readonly message: string };

/**
 * Reads the charm at `path` (resolved against `cwd`); never throws for a missing or broken charm,
 * which a bundle reports at its own line.
 */
export async function readCharm(cwd: string, path: string): Promise<ReadCharm> {
  let files: CharmFileDocument[];
  try {
    files = await readCharmSource(resolve(cwd, path));
  } catch (error) {
    if (error instanceof ProtocolError) return { ok: false, message: error.message };
    throw error;
  }
  const loaded = loadCharm(charmMetadataFiles(files));
  if (loaded.ok) return { ok: true, files, metadata: loaded.metadata };
  return { ok: false, message: `charm is not valid: ${errorsOf(loaded.problems)}` };
}

/**
 * Reads the charm at `path` to deploy it on its own.
 *
 * @throws CliError `charm-invalid` naming what is wrong and how to see the details.
 */
export async function readCharmToDeploy(
  cwd: string,
  path: string,
): Promise<{ files: CharmFileDocument[]; metadata: CharmMetadata }> {
  const charm = await readCharm(cwd, path);
  if (charm.ok) return charm;
  throw new CliError(
    'charm-invalid',
    `cannot deploy "${path}": ${charm.message}; run "loom charm check ${path}" for details`,
  );
}

function errorsOf(problems: readonly CharmProblem[]): string {
  return problems
    .filter(isError)
    .map((problem) => problem.message)
    .join('; ');
}
