/**
 * The HTTP side of the API: `POST /api/v1/<method>` with a JSON body, the token on every call,
 * JSON replies, and `{code, message}` errors with 4xx statuses for anything the caller can fix.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

import { API_PREFIX, isApiMethod } from '@loom/protocol';
import type { ApiErrorBody } from '@loom/protocol';

import { authorized, UNAUTHORIZED_MESSAGE } from './auth.js';
import { dispatch } from './dispatch.js';
import { errorReply } from './error-reply.js';
import type { HandlerContext } from './handler.js';

/** How the HTTP API behaves. */
export interface HttpApiOptions {
  readonly token: string;
  /** The largest body accepted (charm uploads included). */
  readonly maxBodyBytes: number;
  readonly report: (error: unknown) => void;
}

class BodyTooLargeError extends Error {}

function reply(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

function fail(response: ServerResponse, status: number, body: ApiErrorBody): void {
  reply(response, status, body);
}

async function readBody(request: IncomingMessage, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limit) throw new BodyTooLargeError();
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Handles one HTTP request. */
export async function handleHttp(
  request: IncomingMessage,
  response: ServerResponse,
  context: HandlerContext,
  options: HttpApiOptions,
): Promise<void> {
  const path = new URL(request.url ?? '/', 'http://controller').pathname;
  if (!path.startsWith(API_PREFIX)) {
    fail(response, 404, {
      code: 'unknown-method',
      message: `no API at ${path}; methods are under ${API_PREFIX}`,
    });
    return;
  }
  if (!authorized(request, options.token)) {
    fail(response, 401, { code: 'unauthorized', message: UNAUTHORIZED_MESSAGE });
    return;
  }
  const method = path.slice(API_PREFIX.length);
  if (!isApiMethod(method)) {
    fail(response, 404, { code: 'unknown-method', message: `unknown API method "${method}"` });
    return;
  }
  if (request.method !== 'POST') {
    response.setHeader('allow', 'POST');
    fail(response, 405, { code: 'method-not-allowed', message: `call "${method}" with POST` });
    return;
  }
  let body: unknown;
  try {
    const text = await readBody(request, options.maxBodyBytes);
    body = text === '' ? {} : (JSON.parse(text) as unknown);
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      fail(response, 413, {
        code: 'payload-too-large',
        message: `request body is larger than ${options.maxBodyBytes} bytes`,
      });
    } else {
      const detail = error instanceof Error ? error.message : String(error);
      fail(response, 400, { code: 'bad-request', message: `request body is not JSON: ${detail}` });
    }
    return;
  }
  try {
    reply(response, 200, await dispatch(method, body, context));
  } catch (error) {
    const failure = errorReply(error);
    if (failure.internal) options.report(error);
    fail(response, failure.status, failure.body);
  }
}
