/**
 * The API's client: one typed `call` per method over HTTP, and watches over a WebSocket. The CLI
 * and the unit agents both use it; it has no state beyond the address and token.
 */
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
    let response: Response;
    try {
      response = await fetch(new URL(methodPath(method), this.options.address), {
        method: 'POST',
        headers: {
          authorization: `Bearer ${this.options.token}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify(request),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new ControllerUnreachableError(
        `cannot reach the controller at ${this.options.address}: ${describe(error)}; run "loom bootstrap" to start it`,
      );
    }
    const text = await response.text();
    const body = parseJson(text);
    if (response.ok) return body as ApiReply<M>;
    if (isApiErrorBody(body))
      throw new ApiCallError(method, response.status, body.code, body.message);
    throw new ApiCallError(method, response.status, 'internal', `HTTP ${response.status}: ${text}`);
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
