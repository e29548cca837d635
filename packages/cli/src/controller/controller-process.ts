/**
 * The controller as a process seen from the CLI: start `loom-controller` detached on a home, wait
 * until it answers, and stop it (SIGTERM, then SIGKILL after a grace period).
 *
 * The CLI never imports the controller: it launches the `loom-controller` program that the
 * `@loom/controller` package ships (DESIGN "Packages").
 */
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

import {
  ApiClient,
  controllerPaths,
  processAlive,
  readCredentials,
  runningControllerPid,
} from '@loom/protocol';
import type { ControllerCredentials } from '@loom/protocol';

import { CliError } from '../errors.js';

/** The name `loom controllers` shows; one controller per home. */
export const CONTROLLER_NAME = 'loom';

/** A controller that answers on its API. */
export interface RunningController {
  readonly home: string;
  readonly pid: number;
  readonly credentials: ControllerCredentials;
  /** How many models it has, as it answered when found. */
  readonly models: number;
}

/** How long `bootstrap` (and an implicit start) waits for the controller to answer. */
export const DEFAULT_START_TIMEOUT_MS = 15_000;

const POLL_MS = 25;

/** The path of the `loom-controller` program. */
export function controllerProgram(): string {
  const manifest = fileURLToPath(import.meta.resolve('@loom/controller/package.json'));
  return join(dirname(manifest), 'bin', 'loom-controller.js');
}

/**
 * The controller running on `home` if it answers an API call, else undefined. A controller that
 * is still starting counts as not running yet.
 */
export async function findRunningController(home: string): Promise<RunningController | undefined> {
  const pid = await runningControllerPid(home);
  if (pid === undefined) return undefined;
  const credentials = await readCredentials(home).catch(() => undefined);
  if (credentials === undefined) return undefined;
  try {
    const { models } = await new ApiClient({ ...credentials, timeoutMs: 5_000 }).call('models', {});
    return { home, pid, credentials, models: models.length };
  } catch {
    return undefined;
  }
}

/**
 * Starts a controller on `home` as a detached process whose output goes to `controller.log`, and
 * waits until it answers. If another start won the race for the home, that controller is returned.
 *
 * @throws CliError `controller-start-failed` with the end of the log when it exits or does not
 *   answer within `timeoutMs`.
 */
export async function startController(
  home: string,
  env: Readonly<Record<string, string | undefined>>,
  timeoutMs: number = DEFAULT_START_TIMEOUT_MS,
): Promise<RunningController> {
  const paths = controllerPaths(home);
  await mkdir(home, { recursive: true, mode: 0o700 });
  const log = openSync(paths.log, 'a', 0o600);
  let exited: string | undefined;
  try {
    const child = spawn(process.execPath, [controllerProgram()], {
      detached: true,
      stdio: ['ignore', log, log],
      env: { ...definedOnly(env), LOOM_HOME: home },
    });
    child.on('exit', (code, signal) => {
      exited = signal === null ? `exit code ${String(code)}` : `signal ${signal}`;
    });
    child.on('error', (error) => {
      exited = error.message;
    });
    child.unref();
  } finally {
    closeSync(log);
  }
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const running = await findRunningController(home);
    if (running !== undefined) return running;
    const someoneStarting = (await runningControllerPid(home)) !== undefined;
    if (exited !== undefined && !someoneStarting)
      throw await startFailure(home, `the controller stopped (${exited})`);
    if (Date.now() > deadline)
      throw await startFailure(home, `the controller did not answer within ${timeoutMs} ms`);
    await sleep(POLL_MS);
  }
}

/**
 * Stops the controller process `pid`: SIGTERM, then SIGKILL if it is still there after
 * `graceMs`. Resolves once the process is gone.
 */
export async function stopControllerProcess(
  pid: number,
  graceMs: number,
): Promise<'stopped' | 'killed'> {
  signal(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (processAlive(pid)) {
    if (Date.now() > deadline) {
      signal(pid, 'SIGKILL');
      while (processAlive(pid)) await sleep(POLL_MS);
      return 'killed';
    }
    await sleep(POLL_MS);
  }
  return 'stopped';
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

async function startFailure(home: string, reason: string): Promise<CliError> {
  const log = controllerPaths(home).log;
  const tail = (await readFile(log, 'utf8').catch(() => ''))
    .trimEnd()
    .split('\n')
    .slice(-5)
    .map((line) => `  ${line}`)
    .join('\n');
  return new CliError(
    'controller-start-failed',
    `cannot start a controller in ${home}: ${reason}; its log ${log} ends with:\n${tail}`,
  );
}

function definedOnly(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) if (value !== undefined) result[name] = value;
  return result;
}
