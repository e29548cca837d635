/**
 * A charm directory as the files a deploy uploads (or the controller reads by path): every
 * regular file under it with its mode, content in base64. Symbolic links are followed only when
 * they stay inside the directory.
 */
import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

import type { CharmFileDocument } from './api/replies.js';
import { ProtocolError } from './protocol-error.js';

/** The largest charm Loom accepts, all files together. */
export const MAX_CHARM_BYTES = 48 * 1024 * 1024;

/**
 * Reads a charm directory.
 *
 * @throws ProtocolError (`not-valid`) naming the directory when it is missing, not a directory,
 *   has a link pointing outside it, or is larger than MAX_CHARM_BYTES.
 */
export async function readCharmFiles(directory: string): Promise<CharmFileDocument[]> {
  const info = await stat(directory).catch(() => undefined);
  if (info?.isDirectory() !== true) {
    throw new ProtocolError(
      'not-valid',
      `charm directory "${directory}" not found; give the path of a directory holding metadata.yaml or charmcraft.yaml`,
    );
  }
  const root = await realpath(directory);
  const files: CharmFileDocument[] = [];
  let total = 0;
  const walk = async (path: string): Promise<void> => {
    const entries = await readdir(path, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const entry of entries) {
      const full = join(path, entry.name);
      if (entry.name === '.git' || entry.name === 'node_modules') continue;
      let target = full;
      if (entry.isSymbolicLink()) {
        target = await realpath(full).catch(() => full);
        if (target !== root && !target.startsWith(root + sep)) {
          throw new ProtocolError(
            'not-valid',
            `charm file "${relative(root, full)}" links outside the charm directory; copy the file in instead`,
          );
        }
      }
      const kind = await lstat(target);
      if (kind.isDirectory()) {
        await walk(full);
      } else if (kind.isFile()) {
        total += kind.size;
        if (total > MAX_CHARM_BYTES) {
          throw new ProtocolError(
            'not-valid',
            `charm directory "${directory}" holds more than ${MAX_CHARM_BYTES / 1024 / 1024} MiB; remove build artefacts from it`,
          );
        }
        files.push({
          path: relative(root, full).split(sep).join('/'),
          mode: kind.mode & 0o7777,
          content: (await readFile(target)).toString('base64'),
        });
      }
    }
  };
  await walk(root);
  return files;
}
