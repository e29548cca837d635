/**
 * A unit's hook-tool server (R6.8): a unix socket, readable only by its owner, on which the hook
 * tools of the unit's running hook call in. It checks the context id against the hook that runs,
 * runs one tool at a time, asks for stdin when a tool needs it, and answers the tool's stdout,
 * stderr and exit code.
 */
import { chmod, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { Server, Socket } from 'node:net';

import { decodeRequest, encodeResponse } from '@loom/protocol/hook-tool-wire';
import type { ToolResponse } from '@loom/protocol/hook-tool-wire';

import { toolNamed } from '../tools/registry.js';
import { runTool, StdinNeeded } from '../tools/tool.js';
import type { ToolContext } from '../tools/tool-context.js';

/** Unix socket paths are limited to 107 bytes. */
const MAX_SOCKET_PATH = 107;

function answer(code: number, stderr: string): ToolResponse {
  return { status: 'ok', code, stdout: Buffer.alloc(0), stderr: Buffer.from(stderr) };
}

/** The socket of one unit. */
export class ToolServer {
  private current: { readonly id: string; readonly context: ToolContext } | undefined;
  /** One tool at a time (R6.8). */
  private queue: Promise<void> = Promise.resolve();

  private constructor(
    private readonly server: Server,
    readonly path: string,
  ) {}

  /**
   * Listens on `path` (replacing a stale socket a killed agent left).
   *
   * @throws Error when the path is too long for a unix socket.
   */
  static async listen(path: string): Promise<ToolServer> {
    if (Buffer.byteLength(path) > MAX_SOCKET_PATH)
      throw new Error(
        `the hook-tool socket path ${path} is longer than ${MAX_SOCKET_PATH} bytes; use a shorter LOOM_HOME`,
      );
    await rm(path, { force: true });
    // Half-open: the client ends its side once the request is sent, then reads the answer.
    const server = createServer({ allowHalfOpen: true }, (socket) => {
      instance.serve(socket);
    });
    const instance = new ToolServer(server, path);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(path, () => {
        server.off('error', reject);
        resolve();
      });
    });
    await chmod(path, 0o600);
    return instance;
  }

  /** Makes `id` the running hook's context; tools calling with another id are refused. */
  begin(id: string, context: ToolContext): void {
    this.current = { id, context };
  }

  /** Ends the running hook: its tools answer nothing more. */
  end(): void {
    this.current = undefined;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) =>
      this.server.close(() => {
        resolve();
      }),
    );
    await rm(this.path, { force: true });
  }

  private serve(socket: Socket): void {
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => socket.destroy());
    socket.on('end', () => {
      const run = this.queue.then(async () => {
        const response = await this.respond(Buffer.concat(chunks));
        socket.end(encodeResponse(response));
      });
      this.queue = run.catch(() => undefined);
    });
  }

  private async respond(bytes: Buffer): Promise<ToolResponse> {
    let request;
    try {
      request = decodeRequest(bytes);
    } catch (error) {
      return answer(1, `ERROR bad request: ${(error as Error).message}\n`);
    }
    const current = this.current;
    if (current === undefined)
      return answer(
        1,
        `ERROR bad request: no hook is running; got context id "${request.contextId}"\n`,
      );
    if (request.contextId !== current.id)
      return answer(
        1,
        `ERROR bad request: expected context id "${current.id}", got "${request.contextId}"\n`,
      );
    const tool = toolNamed(request.command);
    if (!('run' in tool)) return { status: 'ok', ...textOf(tool) };
    try {
      const result = await runTool(tool, {
        args: request.args,
        cwd: request.cwd,
        stdin: request.stdin,
        context: current.context,
      });
      return { status: 'ok', ...textOf(result) };
    } catch (error) {
      if (error instanceof StdinNeeded)
        return request.stdin === undefined
          ? { status: 'need-stdin' }
          : answer(1, `ERROR ${error.message}\n`);
      throw error;
    }
  }
}

function textOf(result: { code: number; stdout: string; stderr: string }) {
  return {
    code: result.code,
    stdout: Buffer.from(result.stdout),
    stderr: Buffer.from(result.stderr),
  };
}
