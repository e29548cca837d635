/**
 * A charm given by path, as `loom deploy` and the controller take it: a charm directory or a
 * packed `.charm` archive, read into the same files either way.
 */
import { stat } from 'node:fs/promises';

import type { CharmFileDocument } from './api/replies.js';
import { readCharmFiles } from './charm-upload.js';
import { readCharmArchive } from './charm-zip.js';
import { ProtocolError } from './protocol-error.js';

/**
 * Reads a charm directory (with readCharmFiles) or a packed charm (with readCharmArchive).
 *
 * @throws ProtocolError (`not-valid`) naming the path when it is missing, or naming what is wrong
 *   with the directory or archive and what to do.
 * @example
 * const files = await readCharmSource('./build/db_ubuntu-22.04-amd64.charm');
 */
export async function readCharmSource(path: string): Promise<CharmFileDocument[]> {
  const info = await stat(path).catch(() => undefined);
  if (info?.isDirectory() === true) return readCharmFiles(path);
  if (info?.isFile() === true) return readCharmArchive(path);
  throw new ProtocolError(
    'not-valid',
    `charm directory "${path}" not found; give the path of a directory holding metadata.yaml or charmcraft.yaml, or of a .charm file made by "charmcraft pack"`,
  );
}
