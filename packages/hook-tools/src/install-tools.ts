/**
 * Puts the hook tools in a directory for a hook's PATH (R6.7): each name a symlink to the native
 * client when it was built, else a small shell script running the Node fallback.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { HOOK_TOOL_NAMES } from './tool-names.js';

/** Which client the tools run. */
export interface HookToolClient {
  readonly kind: 'native' | 'node';
  /** The native binary, or the fallback script. */
  readonly path: string;
}

/**
 * The client this installation has: native if `npm ci` could compile it. Found from the package's
 * own location by name, so that it also works from the machine agent's bundle.
 */
export function hookToolClient(): HookToolClient {
  const home = dirname(fileURLToPath(import.meta.resolve('@loom/hook-tools/package.json')));
  const native = join(home, 'build', 'loom-hook-tool');
  if (existsSync(native)) return { kind: 'native', path: native };
  return { kind: 'node', path: join(home, 'bin', 'hook-tool.mjs') };
}

/**
 * Makes `directory` hold every hook tool, replacing what was there; the same call again is
 * cheap when nothing changed.
 */
export async function installHookTools(
  directory: string,
  client: HookToolClient = hookToolClient(),
): Promise<void> {
  await mkdir(directory, { recursive: true, mode: 0o700 });
  for (const name of HOOK_TOOL_NAMES) {
    const path = join(directory, name);
    if (client.kind === 'native') {
      if ((await readlink(path).catch(() => undefined)) === client.path) continue;
      await rm(path, { force: true });
      await symlink(client.path, path);
    } else {
      const script = `#!/bin/sh\nexec "${process.execPath}" "${client.path}" ${name} "$@"\n`;
      if ((await readFile(path, 'utf8').catch(() => undefined)) === script) continue;
      await rm(path, { force: true });
      await writeFile(path, script, { mode: 0o755 });
    }
  }
}
