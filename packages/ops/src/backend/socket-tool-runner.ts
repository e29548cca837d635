/**
 * Hook tools without processes, under Loom: the command line goes straight to the unit agent's
 * socket in the hook-tool wire format (protocol's hook-tool-wire), as Loom's own tool client
 * sends it. Stdin is sent only when the tool asks for it, as the client does.
 */
import { decodeResponse, encodeRequest } from '@loom/protocol/hook-tool-wire';
import type { ToolRequest, ToolResponse } from '@loom/protocol/hook-tool-wire';

import type { ToolResult, ToolRunner } from './tool-runner.js';

/** Where the agent listens and which hook this is. */
export interface SocketToolContext {
  /** JUJU_AGENT_SOCKET_ADDRESS: the unit's socket. */
  readonly socketPath: string;
  /** JUJU_CONTEXT_ID: the hook (or action) the calls belong to. */
  readonly contextId: string;
  /** The directory relative paths in arguments are resolved against. */
  readonly cwd: string;
}

/** Hook tools answered by Loom's agent over its socket. */
export class SocketToolRunner implements ToolRunner {
  constructor(private readonly context: SocketToolContext) {}

  async run(command: string, args: readonly string[], stdin?: string): Promise<ToolResult> {
    const request: ToolRequest = {
      contextId: this.context.contextId,
      cwd: this.context.cwd,
      command,
      args,
    };
    let response = await this.exchange(request);
    if (response.status === 'need-stdin') {
      response = await this.exchange({ ...request, stdin: Buffer.from(stdin ?? '') });
    }
    if (response.status !== 'ok') throw new Error(`the agent asked twice for ${command}'s stdin`);
    return {
      code: response.code,
      stdout: response.stdout.toString('utf8'),
      stderr: response.stderr.toString('utf8'),
    };
  }

  private async exchange(request: ToolRequest): Promise<ToolResponse> {
    // Loaded on first use, like child_process for processes: only one of them is ever needed.
    const { connect } = await import('node:net');
    return new Promise((resolve, reject) => {
      const socket = connect(this.context.socketPath);
      const chunks: Buffer[] = [];
      socket.on('data', (chunk: Buffer) => chunks.push(chunk));
      socket.on('error', reject);
      socket.on('end', () => {
        try {
          resolve(decodeResponse(Buffer.concat(chunks)));
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
      socket.end(encodeRequest(request));
    });
  }
}
