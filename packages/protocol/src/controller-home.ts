/**
 * Where a controller keeps its files (DESIGN "Process model"): `LOOM_HOME`, by default
 * `~/.local/share/loom`. The API address and token files are the contract between the controller
 * and every client, so they are named here.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

import { ControllerUnreachableError } from './protocol-error.js';

/** The paths under a controller's home. */
export interface ControllerPaths {
  readonly home: string;
  /** The SQLite database (WAL). */
  readonly database: string;
  /** `http://127.0.0.1:<port>` of the running controller (mode 0600). */
  readonly address: string;
  /** The API token (mode 0600). */
  readonly token: string;
  /** Held by the running controller: its pid, and a lock against a second controller. */
  readonly lock: string;
  /** The daemon's own output. */
  readonly log: string;
  /**
   * The machines' directories (`<model>/<machine>/`: units' charms, hook-tool sockets, agent
   * logs); a short name, as unix socket paths inside it must be short.
   */
  readonly machines: string;
  /** The model `loom switch` (or the last `add-model`) chose; absent means "default". */
  readonly currentModel: string;
}

/**
 * The home from an environment: `LOOM_HOME`, else `$XDG_DATA_HOME/loom`, else
 * `~/.local/share/loom`.
 */
export function controllerHome(env: Readonly<Record<string, string | undefined>>): string {
  const explicit = env.LOOM_HOME;
  if (explicit !== undefined && explicit !== '') return explicit;
  const data = env.XDG_DATA_HOME;
  if (data !== undefined && data !== '') return join(data, 'loom');
  return join(env.HOME ?? homedir(), '.local', 'share', 'loom');
}

/** The files of a controller home. */
export function controllerPaths(home: string): ControllerPaths {
  return {
    home,
    database: join(home, 'controller.db'),
    address: join(home, 'api-address'),
    token: join(home, 'api-token'),
    lock: join(home, 'controller.pid'),
    log: join(home, 'controller.log'),
    machines: join(home, 'm'),
    currentModel: join(home, 'current-model'),
  };
}

/** How to reach a controller. */
export interface ControllerCredentials {
  readonly address: string;
  readonly token: string;
}

/**
 * Reads the address and token a running controller wrote.
 *
 * @throws ControllerUnreachableError when either file is missing: no controller was started.
 */
export async function readCredentials(home: string): Promise<ControllerCredentials> {
  const paths = controllerPaths(home);
  try {
    const [address, token] = await Promise.all([
      readFile(paths.address, 'utf8'),
      readFile(paths.token, 'utf8'),
    ]);
    return { address: address.trim(), token: token.trim() };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new ControllerUnreachableError(
        `no controller is running in ${home}; run "loom bootstrap" to start one`,
      );
    }
    throw error;
  }
}

/**
 * Whether a process with this pid runs (signal 0 probes without touching it). A zombie (a process
 * that exited and whose parent has not reaped it yet, as happens to a daemon whose parent is
 * slow to reap) counts as gone.
 */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  return !isZombie(pid);
}

/** Linux's /proc says whether a process is a zombie; elsewhere nothing tells, so it is not. */
function isZombie(pid: number): boolean {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return false;
  }
  // "pid (command) state ...": the command may hold spaces or parentheses, so read after the last ')'.
  return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z';
}

/**
 * The pid written in the home's lock file, if it names a live process: the running controller's.
 * A missing file, a malformed one, or the pid of a process that died (kill -9) gives undefined.
 */
export async function runningControllerPid(home: string): Promise<number | undefined> {
  const text = await readFile(controllerPaths(home).lock, 'utf8').catch(() => '');
  const pid = Number(text.trim());
  return Number.isInteger(pid) && pid > 0 && processAlive(pid) ? pid : undefined;
}
