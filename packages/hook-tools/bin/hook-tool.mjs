#!/usr/bin/env node
// The hook tools' fallback client, for machines without a C compiler: the same wire as
// src/client.c. Run as `hook-tool.mjs <command> [args...]` from the per-tool wrapper scripts.
import { Buffer } from 'node:buffer';
import { connect } from 'node:net';

import { decodeResponse, encodeRequest } from '@loom/protocol/hook-tool-wire';

function fail(message) {
  process.stderr.write(`ERROR ${message}\n`);
  process.exit(1);
}

function required(name) {
  const value = process.env[name];
  if (value === undefined || value === '') fail(`${name} not set`);
  return value;
}

function ask(path, request) {
  return new Promise((resolve) => {
    const chunks = [];
    const socket = connect(path, () => socket.end(request));
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('end', () => resolve(Buffer.concat(chunks)));
    socket.on('error', (error) => fail(`cannot reach the unit agent at ${path}: ${error.message}`));
  });
}

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks);
}

const contextId = required('JUJU_CONTEXT_ID');
const socketPath = required('JUJU_AGENT_SOCKET_ADDRESS');
const network = process.env.JUJU_AGENT_SOCKET_NETWORK;
if (network !== undefined && network !== '' && network !== 'unix')
  fail('JUJU_AGENT_SOCKET_NETWORK must be "unix" for Loom\'s agents');
const [command = '', ...args] = process.argv.slice(2);
const base = { contextId, cwd: process.cwd(), command, args };
let response = decodeResponse(await ask(socketPath, encodeRequest(base)));
if (response.status === 'need-stdin')
  response = decodeResponse(
    await ask(socketPath, encodeRequest({ ...base, stdin: await readStdin() })),
  );
if (response.status !== 'ok') fail('the unit agent sent a malformed answer');
process.stdout.write(response.stdout);
process.stderr.write(response.stderr);
process.exitCode = response.code;
