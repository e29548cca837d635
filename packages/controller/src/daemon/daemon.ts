/**
 * The controller daemon on its home (DESIGN "Process model"): takes the home's lock, opens
 * `controller.db`, creates the `default` model when the database is new, serves the API on
 * 127.0.0.1, and writes the API address and a fresh random token for clients (mode 0600).
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, unlink } from 'node:fs/promises';

import { controllerPaths } from '@loom/protocol';
import { SqliteStore } from '@loom/store';

import type { Clock } from '../clock/clock.js';
import { systemClock } from '../clock/clock.js';
import { AgentSupervisor } from '../agents/agent-supervisor.js';
import { Controller } from '../controller.js';
import { newModelRecord } from '../model/model-registry.js';
import { acquireHomeLock } from './home-lock.js';
import { writeSecretFile } from './secret-file.js';

/** How the daemon runs. */
export interface DaemonOptions {
  readonly home: string;
  readonly port?: number;
  readonly leaseDurationMs?: number;
  /** Hooks running at once across the controller; default: the number of cores. */
  readonly hookConcurrency?: number;
  readonly clock?: Clock;
  readonly report?: (error: unknown) => void;
  /**
   * Whether to start machine agents for the models' machines (default true). Off, units wait for
   * agents started some other way; tests of the controller alone use that.
   */
  readonly agents?: boolean;
  /** Environment for machine agents (LOOM_HOOK_TIMEOUT_MS, ...). */
  readonly agentEnv?: Readonly<Record<string, string | undefined>>;
}

/** A running daemon. */
export interface Daemon {
  readonly controller: Controller;
  /** The machine agents it runs. */
  readonly agents: AgentSupervisor;
  /** Stops serving, removes the address and token files, closes the store, frees the home. */
  stop(): Promise<void>;
}

/** The model every new controller has. */
export const DEFAULT_MODEL = 'default';

/**
 * Starts a controller on `options.home`.
 *
 * @throws ControllerRunningError when another controller runs on the same home.
 * @throws SchemaTooNewError when a newer Loom wrote the database.
 */
export async function startDaemon(options: DaemonOptions): Promise<Daemon> {
  const paths = controllerPaths(options.home);
  await mkdir(paths.home, { recursive: true, mode: 0o700 });
  const lock = await acquireHomeLock(paths.lock);
  try {
    const fresh = !existsSync(paths.database);
    const store = SqliteStore.open({ path: paths.database });
    const clock = options.clock ?? systemClock;
    if (fresh) {
      await store.createModel(newModelRecord(DEFAULT_MODEL, clock));
    }
    const token = randomBytes(32).toString('hex');
    const controller = await Controller.start({
      store,
      token,
      clock,
      ...(options.port === undefined ? {} : { port: options.port }),
      ...(options.leaseDurationMs === undefined
        ? {}
        : { leaseDurationMs: options.leaseDurationMs }),
      ...(options.hookConcurrency === undefined
        ? {}
        : { hookConcurrency: options.hookConcurrency }),
      ...(options.report === undefined ? {} : { report: options.report }),
    });
    // The token first: the address file is what tells clients the controller is ready.
    await writeSecretFile(paths.token, `${token}\n`);
    await writeSecretFile(paths.address, `${controller.address}\n`);
    // Agents read the credentials just written, so they start last.
    const agents = new AgentSupervisor({
      home: paths.home,
      registry: controller.registry,
      report:
        options.report ??
        ((error) => {
          console.error(error);
        }),
      ...(options.agentEnv === undefined ? {} : { env: options.agentEnv }),
    });
    if (options.agents !== false) agents.start();
    return {
      controller,
      agents,
      stop: async () => {
        await agents.stop();
        await Promise.all(
          [unlink(paths.address), unlink(paths.token)].map((done) => done.catch(() => undefined)),
        );
        await controller.close();
        await lock.release();
      },
    };
  } catch (error) {
    await lock.release();
    throw error;
  }
}
