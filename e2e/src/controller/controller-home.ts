/**
 * A real controller process for end-to-end tests: started by the `loom` binary on a temporary
 * LOOM_HOME, reached through its credential files, killed with -9 or stopped with SIGTERM.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { ApiClient, processAlive, readCredentials, runningControllerPid } from '@loom/protocol';

import { REPOSITORY_ROOT, runProcess } from '../repository.js';
import type { ProcessResult } from '../repository.js';

const LOOM = join(REPOSITORY_ROOT, 'packages', 'cli', 'bin', 'loom.js');

/** A temporary home with its controller. */
export interface ControllerHome {
  readonly home: string;
  /** A directory for charms and other files of the test. */
  readonly scratch: string;
  /** Runs the `loom` binary on this home. */
  readonly loom: (...argv: string[]) => Promise<ProcessResult>;
  /** A client with the current credentials. */
  readonly client: () => Promise<ApiClient>;
  /** The running controller's pid. */
  readonly pid: () => Promise<number>;
  /** `kill -9` the controller and wait until it is gone. */
  readonly kill9: () => Promise<void>;
  /** Kills whatever runs and deletes the home. */
  readonly dispose: () => Promise<void>;
}

/**
 * Bootstraps a controller on a fresh home with the `loom` binary; `env` goes to the controller
 * (for example a short LOOM_LEASE_DURATION_MS).
 */
export async function bootstrapHome(env: Record<string, string> = {}): Promise<ControllerHome> {
  const scratch = await mkdtemp(join(tmpdir(), 'loom-e2e-'));
  const home = join(scratch, 'home');
  const loom = (...argv: string[]) =>
    runProcess(process.execPath, [LOOM, ...argv], {
      env: { ...env, LOOM_HOME: home },
      timeoutMs: 60_000,
    });
  const pid = async () => {
    const running = await runningControllerPid(home);
    if (running === undefined) throw new Error(`no controller runs in ${home}`);
    return running;
  };
  const waitGone = async (gone: number) => {
    while (processAlive(gone)) await sleep(5);
  };
  const booted = await loom('bootstrap');
  if (booted.code !== 0) throw new Error(`loom bootstrap failed: ${booted.stderr}`);
  return {
    home,
    scratch,
    loom,
    client: async () => new ApiClient(await readCredentials(home)),
    pid,
    kill9: async () => {
      const running = await pid();
      process.kill(running, 'SIGKILL');
      await waitGone(running);
    },
    dispose: async () => {
      const running = await runningControllerPid(home);
      if (running !== undefined) {
        process.kill(running, 'SIGKILL');
        await waitGone(running);
      }
      await rm(scratch, { recursive: true, force: true });
    },
  };
}

/** Writes a charm directory from file texts and returns its path. */
export async function writeCharm(
  parent: string,
  name: string,
  files: Readonly<Record<string, string>>,
): Promise<string> {
  const directory = join(parent, name);
  await mkdir(directory, { recursive: true });
  for (const [path, text] of Object.entries(files)) await writeFile(join(directory, path), text);
  return directory;
}

/** The fixture charms of spec §9.0: a database provider and its requirer. */
export const FIXTURE_CHARMS = {
  dbcharm: {
    'metadata.yaml':
      'name: dbcharm\nsummary: db\ndescription: db\nprovides:\n  database:\n    interface: pgsql\n',
    'config.yaml': 'options:\n  tick:\n    type: int\n    default: 0\n',
  },
  webcharm: {
    'metadata.yaml':
      'name: webcharm\nsummary: web\ndescription: web\nrequires:\n  database:\n    interface: pgsql\n',
  },
} as const;
