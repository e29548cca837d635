/**
 * @loom/controller: the Loom controller. Owns models, applies core operations, persists them
 * through the store before acknowledging, pushes changes to watchers, keeps leadership leases
 * and the debug log, and serves the API on 127.0.0.1.
 */
export { systemClock } from './clock/clock.js';
export type { Clock, Timer } from './clock/clock.js';
export { FakeClock } from './clock/fake-clock.js';
export { Controller } from './controller.js';
export type { ControllerOptions } from './controller.js';
export {
  CharmError,
  ControllerError,
  ControllerRunningError,
  OperationRefusedError,
} from './controller-error.js';
export { DEFAULT_MODEL, startDaemon } from './daemon/daemon.js';
export type { Daemon, DaemonOptions } from './daemon/daemon.js';
export { DEFAULT_LEASE_DURATION_MS } from './leadership/lease-keeper.js';
export { main } from './main.js';
