/**
 * Reads the files Loom needs from a charm directory. The parsing itself is core's (pure);
 * this is the only place the CLI touches a charm on disk.
 */
import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';

import { CHARM_FILE_NAMES, formatProblem, isError, loadCharm } from '@loom/core';
import type { CharmFiles, CharmMetadata } from '@loom/core';

import { CliError } from '../errors.js';

/** Charm files larger than this are refused rather than read into memory. */
const MAX_FILE_BYTES = 4 * 1024 * 1024;

/**
 * Reads metadata.yaml, charmcraft.yaml, config.yaml and actions.yaml where they exist.
 * `directory` is resolved against `cwd` and named as given in messages.
 *
 * @throws CliError `charm-not-found` when the path is missing or not a directory, and
 *   `charm-unreadable` when a file exists but cannot be read.
 */
export async function readCharmDirectory(cwd: string, directory: string): Promise<CharmFiles> {
  const root = resolve(cwd, directory);
  const info = await stat(root).catch(() => undefined);
  if (info === undefined) {
    throw new CliError(
      'charm-not-found',
      `charm directory "${directory}" does not exist; pass the path of a directory holding metadata.yaml or charmcraft.yaml`,
    );
  }
  if (!info.isDirectory()) {
    throw new CliError(
      'charm-not-found',
      `"${directory}" is not a directory; pass the charm's directory, not one of its files`,
    );
  }
  const files: CharmFiles = {};
  for (const name of CHARM_FILE_NAMES) {
    const path = join(root, name);
    const fileInfo = await stat(path).catch(() => undefined);
    if (fileInfo === undefined) continue;
    if (!fileInfo.isFile() || fileInfo.size > MAX_FILE_BYTES) {
      throw new CliError(
        'charm-unreadable',
        `cannot read "${join(directory, name)}": ${fileInfo.isFile() ? 'larger than 4 MiB' : 'not a regular file'}`,
      );
    }
    files[name] = await readFile(path, 'utf8');
  }
  return files;
}

/**
 * Reads and loads the charm in `directory`, for commands that need it valid (build, pack).
 *
 * @throws CliError `charm-invalid` listing each problem with file:line:column and its fix, and
 *   the errors of readCharmDirectory.
 */
export async function readValidCharmMetadata(
  cwd: string,
  directory: string,
): Promise<CharmMetadata> {
  const loaded = loadCharm(await readCharmDirectory(cwd, directory));
  if (loaded.ok) return loaded.metadata;
  const problems = loaded.problems
    .filter(isError)
    .map((problem) => `  ${formatProblem(problem, directory)}\n    fix: ${problem.fix}`);
  throw new CliError(
    'charm-invalid',
    `the charm in "${directory}" is not valid:\n${problems.join('\n')}`,
  );
}
