/**
 * A unit's copy of its charm (DESIGN "Process model"): the files the controller stored for the
 * application's charm URL, written under the unit's directory with their modes, and rewritten only
 * when the URL changes.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';

import type { ApiClient } from '@loom/protocol';

/**
 * Makes `directory` hold the charm of `application` at `charmUrl`, fetching it from the
 * controller only when the copy there is of another URL (or missing).
 */
export async function deployCharm(
  client: ApiClient,
  model: string,
  application: string,
  directory: string,
  charmUrl: string,
): Promise<void> {
  // Beside the charm, not in it: the charm sees only its own files.
  const urlFile = join(dirname(directory), 'charm-url');
  const current = await readFile(urlFile, 'utf8').catch(() => undefined);
  if (current === charmUrl) return;
  const charm = await client.call('agent/charm', { model, application });
  await rm(directory, { recursive: true, force: true });
  await mkdir(directory, { recursive: true, mode: 0o700 });
  const root = resolve(directory);
  for (const file of charm.files) {
    const path = resolve(root, file.path);
    if (!path.startsWith(root + sep))
      throw new Error(`charm file "${file.path}" points outside the charm directory`);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, Buffer.from(file.content, 'base64'), { mode: file.mode & 0o777 });
  }
  await writeFile(urlFile, charm.url);
}
