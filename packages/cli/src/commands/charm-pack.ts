/**
 * `loom charm pack <dir>`: builds the charm, then writes a `.charm` zip archive laid out as
 * charmcraft's: the metadata files, dispatch, the bundle in dist/, hooks/ when the charm has
 * them, and manifest.yaml with its base. `loom deploy` accepts it, and so would Juju on a
 * machine with `node`. The archive is written beside its target and renamed into place.
 */
import { randomBytes } from 'node:crypto';
import { readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';

import { writeCharmArchive } from '@loom/protocol';
import type { CharmArchiveFile } from '@loom/protocol';

import { CliError } from '../errors.js';
import type { CliIo } from '../io.js';
import { LOOM_VERSION } from '../version.js';
import { BUNDLE_DIR, charmBuild, kib } from './charm-build.js';

/** The base recorded in manifest.yaml and the archive's name, as charmcraft names it. */
const BASE = { name: 'ubuntu', channel: '22.04', architecture: 'amd64' } as const;

/** Files packed from the charm's top level when they exist. */
const TOP_LEVEL_FILES = [
  'metadata.yaml',
  'charmcraft.yaml',
  'config.yaml',
  'actions.yaml',
  'README.md',
  'LICENSE',
  'icon.svg',
  'dispatch',
] as const;

/** Directories packed whole: the bundle, and hooks of the charm's own. */
const PACKED_DIRECTORIES = [BUNDLE_DIR, 'hooks'] as const;

/** Options of `loom charm pack`. */
export interface CharmPackOptions {
  /** Where to write the archive; by default `<name>_ubuntu-22.04-amd64.charm` here. */
  readonly output?: string;
}

/** Builds and packs the charm in `directory`. */
export async function charmPack(
  directory: string,
  options: CharmPackOptions,
  io: CliIo,
): Promise<void> {
  const metadata = await charmBuild(directory, {}, io);
  const charmDir = resolve(io.cwd, directory);
  const files: CharmArchiveFile[] = [];
  for (const name of TOP_LEVEL_FILES) {
    const file = await packedFile(charmDir, name);
    if (file !== undefined) files.push(file);
  }
  for (const name of PACKED_DIRECTORIES) files.push(...(await packedTree(charmDir, name)));
  files.push({ path: 'manifest.yaml', mode: 0o644, data: manifest() });
  const archive = writeCharmArchive(files, { directories: true });
  const shown =
    options.output ?? `${metadata.name}_${BASE.name}-${BASE.channel}-${BASE.architecture}.charm`;
  const target = resolve(io.cwd, shown);
  const staging = `${target}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(staging, archive);
    await rename(staging, target);
  } catch (error) {
    await rm(staging, { force: true });
    throw new CliError(
      'charm-pack-failed',
      `cannot write "${shown}": ${(error as Error).message}; give a writable path with --output`,
    );
  }
  io.stdout(
    `Packed ${metadata.name} into ${shown} (${files.length} files, ${kib(archive.length)})\n`,
  );
}

/** manifest.yaml as charmcraft writes it: the bases the charm runs on. */
function manifest(): string {
  return [
    `# Written by loom charm pack (Loom ${LOOM_VERSION}).`,
    'bases:',
    `- name: ${BASE.name}`,
    `  channel: "${BASE.channel}"`,
    '  architectures:',
    `  - ${BASE.architecture}`,
    '',
  ].join('\n');
}

/** The file at `path` in the charm with its mode, or undefined when there is none. */
async function packedFile(charmDir: string, path: string): Promise<CharmArchiveFile | undefined> {
  const info = await stat(join(charmDir, path)).catch(() => undefined);
  if (!info?.isFile()) return undefined;
  return { path, mode: info.mode & 0o7777, data: await readFile(join(charmDir, path)) };
}

/** Every file under the directory `path` of the charm, sorted; none when it does not exist. */
async function packedTree(charmDir: string, path: string): Promise<CharmArchiveFile[]> {
  const entries = await readdir(join(charmDir, path), { recursive: true }).catch(() => []);
  const files: CharmArchiveFile[] = [];
  for (const entry of entries.sort()) {
    const file = await packedFile(charmDir, relative(charmDir, join(charmDir, path, entry)));
    if (file !== undefined) files.push(file);
  }
  return files;
}
