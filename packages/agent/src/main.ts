/**
 * The `loom-agent` program: the machine agent of one machine of one model, started by the
 * controller. It exits when the controller's watch ends (the controller stopped or the model was
 * destroyed) and on SIGTERM, after the operations in progress.
 *
 * Environment: LOOM_HOME (where the controller's address and token are), LOOM_MODEL,
 * LOOM_MACHINE, LOOM_MACHINE_DIR, LOOM_MACHINE_ADDRESS, and optionally LOOM_HOOK_TIMEOUT_MS.
 */
import { ApiClient, controllerHome, readCredentials } from '@loom/protocol';

import { MachineAgent } from './machine-agent.js';

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (value === undefined || value === '')
    throw new Error(`${name} is not set; loom-agent is started by the controller, not by hand`);
  return value;
}

function timeoutOf(env: NodeJS.ProcessEnv): number | undefined {
  const text = env.LOOM_HOOK_TIMEOUT_MS;
  if (text === undefined || text === '') return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0)
    throw new Error(`LOOM_HOOK_TIMEOUT_MS must be a positive whole number, got "${text}"`);
  return value;
}

function log(level: string, message: string): void {
  console.error(`${new Date().toISOString()} ${level} ${message}`);
}

/** Runs the agent; resolves when it has stopped. */
export async function main(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const model = required(env, 'LOOM_MODEL');
  const machine = required(env, 'LOOM_MACHINE');
  const hookTimeoutMs = timeoutOf(env);
  const client = new ApiClient(await readCredentials(controllerHome(env)));
  const agent = await MachineAgent.start({
    client,
    model,
    machine,
    machineDir: required(env, 'LOOM_MACHINE_DIR'),
    address: required(env, 'LOOM_MACHINE_ADDRESS'),
    ...(hookTimeoutMs === undefined ? {} : { hookTimeoutMs }),
    report: (error) => {
      log('ERROR', error instanceof Error ? (error.stack ?? error.message) : String(error));
    },
  });
  log('INFO', `machine ${machine} of model "${model}" started`);
  await new Promise<void>((resolve) => {
    void agent.disconnected.then(() => {
      log('INFO', 'the controller went away: stopping');
      resolve();
    });
    for (const signal of ['SIGTERM', 'SIGINT'] as const)
      process.once(signal, () => {
        log('INFO', `${signal}: stopping`);
        resolve();
      });
  });
  await agent.stop();
}
