/** Files only their owner may read (the API token and address): written whole, mode 0600. */
import { chmod, rename, writeFile } from 'node:fs/promises';

/** Writes `content` to `path` atomically, readable and writable by the owner only. */
export async function writeSecretFile(path: string, content: string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, content, { mode: 0o600 });
  await chmod(temporary, 0o600);
  await rename(temporary, path);
}
