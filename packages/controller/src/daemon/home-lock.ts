/**
 * One controller per home: the running controller holds `controller.pid`, created exclusively.
 * A pid file left by a controller that died (kill -9) is stale and taken over.
 */
import { open, readFile, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';

import { processAlive } from '@loom/protocol';

import { ControllerRunningError } from '../controller-error.js';

/** A held lock. */
export interface HomeLock {
  release(): Promise<void>;
}

/** Locks held by this process: its own pid in a lock file is live only if it is one of these. */
const heldHere = new Set<string>();

/**
 * Takes the lock at `path` for this process.
 *
 * @throws ControllerRunningError when a live controller holds it.
 */
export async function acquireHomeLock(path: string): Promise<HomeLock> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      const file = await open(path, 'wx', 0o600);
      await file.writeFile(`${process.pid}\n`);
      await file.close();
      heldHere.add(path);
      return {
        release: async () => {
          heldHere.delete(path);
          await unlink(path).catch(() => undefined);
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw error;
      const pid = Number((await readFile(path, 'utf8').catch(() => '')).trim());
      const live = pid === process.pid ? heldHere.has(path) : pid > 0 && processAlive(pid);
      if (Number.isInteger(pid) && live) throw new ControllerRunningError(dirname(path), pid);
      await unlink(path).catch(() => undefined);
    }
  }
}
