/**
 * Process entry point of `loom`: wires the real process into runCli.
 */
import { runCli } from './run.js';

const exitCode = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  env: process.env,
  isTerminal: process.stdout.isTTY,
});
process.exitCode = exitCode;
