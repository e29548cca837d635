/**
 * The `loom-controller` program: runs the daemon on LOOM_HOME until SIGTERM or SIGINT.
 *
 * Environment: LOOM_HOME (default ~/.local/share/loom), LOOM_CONTROLLER_PORT (default: any free
 * port), LOOM_LEASE_DURATION_MS (default 60000), LOOM_HOOK_CONCURRENCY (hooks at once across the
 * controller; default: the number of cores), LOOM_HOOK_TIMEOUT_MS (passed to machine agents;
 * default: no timeout, as in Juju), LOOM_MACHINE_AGENTS (`off`: start no machine agents, so that
 * only API calls change the models). NODE_OPTIONS reaches the machine agents too (for example
 * `--enable-source-maps`), never the hooks they run.
 */
import { controllerHome } from '@loom/protocol';

import { ControllerError } from './controller-error.js';
import { startDaemon } from './daemon/daemon.js';

function numberFrom(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const text = env[name];
  if (text === undefined || text === '') return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0)
    throw new ControllerError('bad-request', `${name} must be a whole number, got "${text}"`);
  return value;
}

/** Runs the daemon; resolves when it has stopped. */
export async function main(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const home = controllerHome(env);
  const port = numberFrom(env, 'LOOM_CONTROLLER_PORT');
  const leaseDurationMs = numberFrom(env, 'LOOM_LEASE_DURATION_MS');
  const hookConcurrency = numberFrom(env, 'LOOM_HOOK_CONCURRENCY');
  const daemon = await startDaemon({
    home,
    ...(port === undefined ? {} : { port }),
    ...(leaseDurationMs === undefined ? {} : { leaseDurationMs }),
    ...(hookConcurrency === undefined || hookConcurrency === 0 ? {} : { hookConcurrency }),
    agents: env.LOOM_MACHINE_AGENTS !== 'off',
    agentEnv: { LOOM_HOOK_TIMEOUT_MS: env.LOOM_HOOK_TIMEOUT_MS, NODE_OPTIONS: env.NODE_OPTIONS },
    report: (error) => {
      console.error(
        `${new Date().toISOString()} ERROR ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
    },
  });
  console.log(
    `${new Date().toISOString()} INFO controller for ${home} listening on ${daemon.controller.address}`,
  );
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      console.log(`${new Date().toISOString()} INFO ${signal}: shutting down`);
      void daemon.stop().then(resolve);
    };
    process.once('SIGTERM', () => {
      stop('SIGTERM');
    });
    process.once('SIGINT', () => {
      stop('SIGINT');
    });
  });
}
