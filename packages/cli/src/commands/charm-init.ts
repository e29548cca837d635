/**
 * `loom charm init [dir]`: creates a TypeScript charm that builds, tests, packs and deploys as it
 * stands. The files are written to a directory beside the target and renamed into place, so an
 * interrupted init leaves nothing half-made.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

import { APPLICATION_NAME_PATTERN } from '@loom/core';

import { typescriptCharmTemplate } from '../charm/typescript-charm-template.js';
import { CliError, UsageError } from '../errors.js';
import type { CliIo } from '../io.js';

/** Options of `loom charm init`. */
export interface CharmInitOptions {
  /** The charm's name; by default the directory's. */
  readonly name?: string;
}

/** Creates the charm in `directory` (resolved against the working directory). */
export async function charmInit(
  directory: string,
  options: CharmInitOptions,
  io: CliIo,
): Promise<void> {
  const target = resolve(io.cwd, directory);
  const name = options.name ?? basename(target);
  if (!APPLICATION_NAME_PATTERN.test(name)) {
    const hint =
      options.name === undefined
        ? `the directory's name; pass --name <name>`
        : 'pass another --name';
    throw new UsageError(
      `"${name}" is not a valid charm name (lower-case letters, digits and single hyphens, starting with a letter, such as "my-charm"): ${hint}`,
    );
  }
  const existing = await readdir(target).catch((error: unknown) => {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return [];
    if (code === 'ENOTDIR') {
      throw new CliError('charm-init-target', `"${directory}" is a file; give a new directory`);
    }
    throw error;
  });
  if (existing.length > 0) {
    throw new CliError(
      'charm-init-target',
      `"${directory}" is not empty (it holds ${existing.slice(0, 3).join(', ')}${existing.length > 3 ? ', …' : ''}); give a new or empty directory so nothing is overwritten`,
    );
  }
  await mkdir(dirname(target), { recursive: true });
  const staging = `${target}.${randomBytes(4).toString('hex')}.tmp`;
  const files = typescriptCharmTemplate(name);
  try {
    for (const file of files) {
      const path = join(staging, file.path);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, file.text);
      await chmod(path, file.mode);
    }
    // Renaming onto an empty directory replaces it; onto nothing, creates it.
    await rename(staging, target);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  io.stdout(
    `Created charm ${name} in ${directory}:\n${files.map((file) => `  ${file.path}\n`).join('')}` +
      `Next:\n  cd ${directory}\n  loom charm build .      # bundle src/main.ts into dist/charm.mjs\n` +
      `  npm test                # run src/*.test.ts\n  loom deploy .           # or loom charm pack . for a .charm\n`,
  );
}
