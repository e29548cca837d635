/**
 * How commands that need a controller get one: the controller of the home named by the
 * environment, started on first use (DESIGN "Process model").
 */
import { ApiClient, controllerHome } from '@loom/protocol';

import type { CliIo } from '../io.js';
import { CONTROLLER_NAME, findRunningController, startController } from './controller-process.js';

/**
 * A client of the controller on `LOOM_HOME`. When none runs, one is started and a line on stderr
 * says so, leaving stdout to the command's own output.
 */
export async function connectController(io: CliIo): Promise<ApiClient> {
  const home = controllerHome(io.env);
  const running = await findRunningController(home);
  if (running !== undefined) return new ApiClient(running.credentials);
  const started = await startController(home, io.env);
  io.stderr(`Started controller "${CONTROLLER_NAME}" in ${home} (pid ${started.pid})\n`);
  return new ApiClient(started.credentials);
}
