/**
 * Picks the hook tools' transport by itself: under Loom the unit agent's socket answers the
 * hook-tool wire, so tools are called with no process at all; anywhere else (real Juju, whose
 * agent socket speaks its own protocol) the first call fails to decode and every call, that one
 * included, runs the tool as a process.
 */
import { SocketToolRunner } from './socket-tool-runner.js';
import type { SocketToolContext } from './socket-tool-runner.js';
import type { ToolResult, ToolRunner } from './tool-runner.js';
import { ProcessToolRunner } from './tool-runner.js';

/** The socket first, processes if the socket does not speak Loom's wire. */
export class AutoToolRunner implements ToolRunner {
  private current: ToolRunner | undefined;
  private readonly processes: ProcessToolRunner;

  constructor(
    private readonly socket: SocketToolContext | undefined,
    env: NodeJS.ProcessEnv = process.env,
  ) {
    this.processes = new ProcessToolRunner(env);
  }

  /** Which transport is in use: `socket`, `process`, or `undecided` before the first call. */
  get transport(): 'socket' | 'process' | 'undecided' {
    if (this.current === undefined) return 'undecided';
    return this.current === this.processes ? 'process' : 'socket';
  }

  async run(command: string, args: readonly string[], stdin?: string): Promise<ToolResult> {
    if (this.current !== undefined) return this.current.run(command, args, stdin);
    if (this.socket === undefined) {
      this.current = this.processes;
      return this.current.run(command, args, stdin);
    }
    const socket = new SocketToolRunner(this.socket);
    try {
      const result = await socket.run(command, args, stdin);
      this.current = socket;
      return result;
    } catch {
      this.current = this.processes;
      return this.current.run(command, args, stdin);
    }
  }
}

/**
 * The runner a hook uses: what `LOOM_OPS_TRANSPORT` asks for (`process`, `socket`, or `auto`,
 * the default), for debugging a transport or measuring one.
 *
 * @throws Error naming LOOM_OPS_TRANSPORT when it holds anything else, or asks for the socket
 *   where the hook has none.
 */
export function hookToolRunner(
  env: Readonly<Record<string, string | undefined>>,
  socket: SocketToolContext | undefined,
): ToolRunner {
  const transport = env.LOOM_OPS_TRANSPORT ?? 'auto';
  switch (transport) {
    case 'auto':
      return new AutoToolRunner(socket, { ...env });
    case 'process':
      return new ProcessToolRunner({ ...env });
    case 'socket':
      if (socket === undefined)
        throw new Error(
          'LOOM_OPS_TRANSPORT=socket, but this hook has no unix agent socket (JUJU_AGENT_SOCKET_ADDRESS); unset it or use process',
        );
      return new SocketToolRunner(socket);
    default:
      throw new Error(
        `LOOM_OPS_TRANSPORT is "${transport}"; use auto (the default), process or socket`,
      );
  }
}
