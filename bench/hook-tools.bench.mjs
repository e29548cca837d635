// Benchmark: the hook-tool round trip (target: median <= 5 ms). `relation-get` runs as a charm
// runs it — the installed client program, over the unit's unix socket, to the agent's tool
// server, which answers from core's hook context — first from a shell loop (as a shell charm
// calls tools), then one call at a time from Node to get the median and p99 of single calls.
// Run: npm run bench hook-tools (or node bench/hook-tools.bench.mjs) after npm run build.
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';

import { hookToolClient } from '@loom/hook-tools';

import { toolHarness } from '../packages/agent/dist/test-support/tool-harness.js';

const LOOP_CALLS = 1_000;

/** Runs a process to its end (asynchronously: the tool server answers in this same process). */
function run(command, args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
const SINGLE_CALLS = 300;

async function measure(client) {
  const tools = await toolHarness(client);
  try {
    const env = tools.environment();
    let start = performance.now();
    const loop = await run(
      'sh',
      [
        '-c',
        `i=0; while [ $i -lt ${LOOP_CALLS} ]; do relation-get host >/dev/null; i=$((i+1)); done`,
      ],
      env,
    );
    if (loop.status !== 0) throw new Error(`shell loop failed: ${loop.stderr}`);
    const loopMs = (performance.now() - start) / LOOP_CALLS;
    const times = [];
    for (let i = 0; i < SINGLE_CALLS; i += 1) {
      start = performance.now();
      const call = await run('relation-get', ['host'], env);
      times.push(performance.now() - start);
      if (call.stdout !== 'db-host\n')
        throw new Error(`unexpected answer: ${call.stdout}${call.stderr}`);
    }
    times.sort((a, b) => a - b);
    console.log(
      `${client.kind.padEnd(6)} client  shell loop ${loopMs.toFixed(2)} ms/call  ` +
        `single calls p50 ${times[Math.floor(times.length / 2)].toFixed(2)} ms  ` +
        `p99 ${times[Math.floor(times.length * 0.99)].toFixed(2)} ms  (target: median <= 5 ms)`,
    );
  } finally {
    await tools.close();
  }
}

const installed = hookToolClient();
await measure(installed);
if (installed.kind === 'native') {
  const fallback = installed.path.replace(/build\/loom-hook-tool$/, 'bin/hook-tool.mjs');
  await measure({ kind: 'node', path: fallback });
}
