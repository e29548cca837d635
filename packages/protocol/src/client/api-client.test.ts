import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { describe, it } from 'node:test';

import { ApiCallError, ControllerUnreachableError } from '../protocol-error.js';
import { ApiClient } from './api-client.js';

/** A stand-in controller: `answer` decides each reply; counts connections and requests. */
async function fakeController(
  answer: (
    request: IncomingMessage,
    body: string,
    response: ServerResponse,
    socket: Socket,
  ) => void,
): Promise<{ server: Server; address: string; connections: () => number }> {
  let connections = 0;
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      answer(request, body, response, request.socket);
    });
  });
  server.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, address: `http://127.0.0.1:${port}`, connections: () => connections };
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) =>
    server.close(() => {
      resolve();
    }),
  );
}

describe('ApiClient.call', () => {
  it('posts the request as JSON with the token, and reuses one connection for later calls', async () => {
    const seen: { path: string | undefined; auth: string | undefined; body: unknown }[] = [];
    const fake = await fakeController((request, body, response) => {
      seen.push({
        path: request.url,
        auth: request.headers.authorization,
        body: JSON.parse(body),
      });
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ models: [] }));
    });
    try {
      const client = new ApiClient({ address: fake.address, token: 'secret' });
      assert.deepEqual(await client.call('models', {}), { models: [] });
      assert.deepEqual(await client.call('models', {}), { models: [] });
      assert.deepEqual(seen[0], { path: '/api/v1/models', auth: 'Bearer secret', body: {} });
      assert.equal(fake.connections(), 1);
    } finally {
      await close(fake.server);
    }
  });

  it("raises the controller's error code and message", async () => {
    const fake = await fakeController((_request, _body, response) => {
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ code: 'not-found', message: 'model "x" not found' }));
    });
    try {
      const client = new ApiClient({ address: fake.address, token: 't' });
      await assert.rejects(client.call('status', { model: 'x' }), (error: unknown) => {
        assert.ok(error instanceof ApiCallError);
        assert.equal(error.code, 'not-found');
        assert.equal(error.status, 404);
        assert.equal(error.message, 'model "x" not found');
        return true;
      });
    } finally {
      await close(fake.server);
    }
  });

  it('sends a request again on a new connection when a kept-alive one turns out closed', async () => {
    const served = new WeakSet<Socket>();
    const fake = await fakeController((_request, _body, response, socket) => {
      // The first connection dies on its second request, as one the server closed while idle.
      if (served.has(socket) && fake.connections() === 1) {
        socket.destroy();
        return;
      }
      served.add(socket);
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ models: [] }));
    });
    try {
      const client = new ApiClient({ address: fake.address, token: 't' });
      await client.call('models', {});
      assert.deepEqual(await client.call('models', {}), { models: [] });
      assert.equal(fake.connections(), 2);
    } finally {
      await close(fake.server);
    }
  });

  it('says how to start the controller when nothing listens', async () => {
    const fake = await fakeController(() => undefined);
    const { address } = fake;
    await close(fake.server);
    const client = new ApiClient({ address, token: 't' });
    await assert.rejects(client.call('models', {}), (error: unknown) => {
      assert.ok(error instanceof ControllerUnreachableError);
      assert.match(
        error.message,
        /^cannot reach the controller at .*ECONNREFUSED.*"loom bootstrap"/,
      );
      return true;
    });
  });

  it('gives up after its time limit', async () => {
    const fake = await fakeController(() => undefined);
    try {
      const client = new ApiClient({ address: fake.address, token: 't', timeoutMs: 50 });
      await assert.rejects(client.call('models', {}), /no answer within 50 ms/);
    } finally {
      await close(fake.server);
    }
  });
});
