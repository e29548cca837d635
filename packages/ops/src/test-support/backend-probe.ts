/**
 * Runs the backend contract in the hook context this process is started in (`loom exec --unit
 * <unit> -- node backend-probe.js <process|socket|auto>`) and prints the answers as JSON, with
 * the transport that served them.
 */
import { AutoToolRunner } from '../backend/auto-tool-runner.js';
import { HookToolBackend } from '../backend/hook-tool-backend.js';
import { SocketToolRunner } from '../backend/socket-tool-runner.js';
import { ProcessToolRunner } from '../backend/tool-runner.js';
import type { ToolRunner } from '../backend/tool-runner.js';
import { runContract } from './backend-contract.js';

const transport = process.argv[2];
const socket = {
  socketPath: process.env.JUJU_AGENT_SOCKET_ADDRESS ?? '',
  contextId: process.env.JUJU_CONTEXT_ID ?? '',
  cwd: process.cwd(),
};
const runners: Record<string, () => ToolRunner> = {
  process: () => new ProcessToolRunner(process.env),
  socket: () => new SocketToolRunner(socket),
  auto: () => new AutoToolRunner(socket, process.env),
};
const make = transport === undefined ? undefined : runners[transport];
if (make === undefined) {
  process.stderr.write('usage: backend-probe <process|socket|auto>\n');
  process.exit(2);
}
const runner = make();
const answers = await runContract(new HookToolBackend(runner));
const served = runner instanceof AutoToolRunner ? runner.transport : transport;
process.stdout.write(`${JSON.stringify({ transport: served, answers })}\n`);
