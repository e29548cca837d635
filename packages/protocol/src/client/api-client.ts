/**
 * The API's client: one typed `call` per method over HTTP, and watches over a WebSocket. The CLI
 * and the unit agents both use it; it has no state beyond the address, the token and its idle
 * keep-alive connections.
 */
import { Agent, request as httpRequest } from 'node:http';
import type { IncomingMessage } from 'node:http';

import { WebSocket } from 'ws';

import { isApiErrorBody } from '../api/api-error.js';
import { methodPath, WATCH_PATH } from '../api/methods.js';
import type { ApiMethod, ApiReply, ApiRequest } from '../api/methods.js';
import type { WatchMessage, WatchRequest } from '../api/watch-messages.js';
import type { ControllerCredentials } from '../controller-home.js';
import { ApiCallError, ControllerUnreachableError } from '../protocol-error.js';

/** How a client reaches its controller. */
export interface ApiClientOptions extends ControllerCredentials {
  /** Per-call limit in milliseconds; default 60 s. */
  readonly timeoutMs?: number;
}

/** A watch in progress. */
export interface Watch {
  /** Resolves when the controller accepted the subscription. */
  readonly opened: Promise<void>;
  /** Resolves when the socket closed, for whatever reason. */
  readonly closed: Promise<void>;
  close(): void;
}

/**
 * A client of one controller.
 *
 * @example
 * const client = new ApiClient(await readCredentials(home));
 * const { units } = await client.call('add-unit', { model: 'default', application: 'db' });
 */
export class ApiClient {
  private readonly timeoutMs: number;
  /**
   * Connections are kept open between calls (an agent makes several per hook). Idle ones close
   * after IDLE_SOCKET_MS, before the controller's own keep-alive limit, and never keep a
   * process alive.
   */
  private readonly connections = new Agent({ keepAlive: true, timeout: IDLE_SOCKET_MS });

  constructor(private readonly options: ApiClientOptions) {
    this.timeoutMs = options.timeoutMs ?? 60_000;
  }

  /** The controller's address. */
  get address(): string {
    return this.options.address;
  }

  /**
   * Calls a method.
   *
   * @throws ApiCallError with the controller's code and message when it refused the call.
   * @throws ControllerUnreachableError when nothing answered at the address.
   */
  async call<M extends ApiMethod>(method: M, request: ApiRequest<M>): Promise<ApiReply<M>> {
    const body = JSON.stringify(request);
    let reply: HttpReply;
    try {
      reply = await this.post(methodPath(method), body);
    } catch (error) {
      throw new ControllerUnreachableError(
        `cannot reach the controller at ${this.options.address}: ${describe(error)}; run "loom bootstrap" to start it`,
      );
    }
    const parsed = parseJson(reply.text);
    if (reply.status >= 200 && reply.status < 300) return parsed as ApiReply<M>;
    if (isApiErrorBody(parsed))
      throw new ApiCallError(method, reply.status, parsed.code, parsed.message);
    throw new ApiCallError(method, reply.status, 'internal', `HTTP ${reply.status}: ${reply.text}`);
  }

  /**
   * One POST. A kept-alive connection the controller closed while it was idle fails before the
   * request reached it; such a request is sent once more on a new connection.
   */
  private async post(path: string, body: string): Promise<HttpReply> {
    try {
      return await this.postOnce(path, body);
    } catch (error) {
      if (!(error instanceof StaleConnectionError)) throw error;
      return await this.postOnce(path, body);
    }
  }

  private postOnce(path: string, body: string): Promise<HttpReply> {
    return new Promise<HttpReply>((resolve, reject) => {
      const outgoing = httpRequest(new URL(path, this.options.address), {
        method: 'POST',
        agent: this.connections,
        headers: {
          authorization: `Bearer ${this.options.token}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
        timeout: this.timeoutMs,
      });
      outgoing.once('timeout', () => {
        outgoing.destroy(new Error(`no answer within ${this.timeoutMs} ms`));
      });
      outgoing.once('error', (error: NodeJS.ErrnoException) => {
        const stale =
          outgoing.reusedSocket && (error.code === 'ECONNRESET' || error.code === 'EPIPE');
        reject(stale ? new StaleConnectionError(error.message) : error);
      });
      outgoing.once('response', (response: IncomingMessage) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.once('error', reject);
        response.once('end', () => {
          resolve({
            status: response.statusCode ?? 0,
            text: Buffer.concat(chunks).toString('utf8'),
          });
        });
      });
      outgoing.end(body);
    });
  }

  /** Subscribes to a watch; `onMessage` gets every pushed message in order. */
  watch(request: WatchRequest, onMessage: (message: WatchMessage) => void): Watch {
    const url = new URL(WATCH_PATH, this.options.address);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const socket = new WebSocket(url, {
      headers: { authorization: `Bearer ${this.options.token}` },
      handshakeTimeout: this.timeoutMs,
    });
    const opened = new Promise<void>((resolve, reject) => {
      socket.once('open', () => {
        socket.send(JSON.stringify(request));
        resolve();
      });
      socket.once('unexpected-response', (_request, response) => {
        reject(
          new ApiCallError(
            'watch',
            response.statusCode ?? 0,
            'unauthorized',
            `watch refused: HTTP ${response.statusCode ?? 0}`,
          ),
        );
        socket.terminate();
      });
      socket.once('error', (error) => {
        reject(
          new ControllerUnreachableError(
            `cannot watch at ${this.options.address}: ${error.message}`,
          ),
        );
      });
    });
    const closed = new Promise<void>((resolve) =>
      socket.once('close', () => {
        resolve();
      }),
    );
    socket.on('message', (data: Buffer) => {
      onMessage(JSON.parse(data.toString('utf8')) as WatchMessage);
    });
    return {
      opened,
      closed,
      close: () => {
        socket.close();
      },
    };
  }
}

/** Idle connections close after this long (the controller keeps them for 30 s). */
const IDLE_SOCKET_MS = 10_000;

interface HttpReply {
  readonly status: number;
  readonly text: string;
}

/** A kept-alive connection that turned out closed before the request went out. */
class StaleConnectionError extends Error {}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? error.cause.message : undefined;
    return cause ?? error.message;
  }
  return String(error);
}
