/**
 * @loom/cli: the `loom` command. The binary lives in bin/loom.js; this entry point lets other
 * tools (and tests) run the same program in-process.
 */
export { charmCheck } from './commands/charm-check.js';
export type { CharmCheckOptions, CharmReport } from './commands/charm-check.js';
export { CliError, EXIT, UsageError } from './errors.js';
export { captureIo } from './io.js';
export type { CapturedIo, CliIo } from './io.js';
export { createProgram, runCli } from './run.js';
export { LOOM_VERSION } from './version.js';
