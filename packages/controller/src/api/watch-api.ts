/**
 * The WebSocket side of the API: `GET /api/v1/watch` upgraded with the token, one subscription
 * message, then pushed messages until either side closes.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

import { parseRequest, ProtocolError, WATCH_PATH, watchRequest } from '@loom/protocol';
import type { WatchMessage } from '@loom/protocol';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';

import type { DebugLog } from '../debug-log/debug-log.js';
import type { WatchHub } from '../watch/watch-hub.js';
import { authorized } from './auth.js';
import { errorReply } from './error-reply.js';

/** Serves watches over WebSocket. */
export class WatchApi {
  private readonly server = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });

  constructor(
    private readonly hub: WatchHub,
    private readonly debugLog: DebugLog,
    private readonly token: string,
  ) {}

  /** Takes over an HTTP upgrade request, or refuses it. */
  upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = new URL(request.url ?? '/', 'http://controller').pathname;
    if (path !== WATCH_PATH) {
      socket.end('HTTP/1.1 404 Not Found\r\nconnection: close\r\n\r\n');
      return;
    }
    if (!authorized(request, this.token)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nconnection: close\r\n\r\n');
      return;
    }
    this.server.handleUpgrade(request, socket, head, (client) => {
      this.attach(client);
    });
  }

  /** Closes every watch. */
  close(): void {
    for (const client of this.server.clients) client.close(1001, 'controller shutting down');
    this.server.close();
  }

  private attach(client: WebSocket): void {
    const send = (message: WatchMessage) => {
      if (client.readyState === client.OPEN) client.send(encoded(message));
    };
    let stop: (() => void) | undefined;
    let closed = false;
    client.once('close', () => {
      closed = true;
      stop?.();
    });
    client.once('message', (data: Buffer) => {
      void (async () => {
        try {
          const request = parseRequest('watch', watchRequest, parseJson(data));
          switch (request.watch) {
            case 'model':
              stop = this.hub.watchModel(request.model, send);
              break;
            case 'unit':
              stop = this.hub.watchUnit(request.model, request.unit, send);
              break;
            case 'debug-log': {
              const { watch: _watch, ...filter } = request;
              stop = await this.debugLog.follow(filter, (records) => {
                send({ type: 'log', records });
              });
              break;
            }
          }
          if (closed) stop();
        } catch (error) {
          send({ type: 'error', ...errorReply(error).body });
          client.close(1008, 'bad watch');
        }
      })();
    });
  }
}

function parseJson(data: Buffer): unknown {
  try {
    return JSON.parse(data.toString('utf8')) as unknown;
  } catch {
    throw new ProtocolError('bad-request', 'the watch request is not JSON; send one JSON object');
  }
}

/** Messages sent to many watchers (a model's deltas) are encoded once. */
const encodings = new WeakMap<WatchMessage, string>();

function encoded(message: WatchMessage): string {
  let text = encodings.get(message);
  if (text === undefined) {
    text = JSON.stringify(message);
    encodings.set(message, text);
  }
  return text;
}
