// Benchmark: a real controller process (started with `loom bootstrap` on a temporary LOOM_HOME,
// SQLite in WAL mode with synchronous=FULL) driven through its HTTP API.
//   1. 10,000 mutations from one client, one after another (each = one store transaction):
//      mutations/s and p50/p99 latency. Half are config changes, a quarter add a unit, a quarter
//      remove the unit added before.
//   2. The same mix from 8 clients at once: throughput when calls queue on one model.
//   3. `status` of a model with 1,000 units in 2 applications with an integration (target
//      <= 300 ms): p50 and max over 20 calls.
// Run: npm run bench controller (or node bench/controller.bench.mjs) after npm run build.
import { spawnSync } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

import { ApiClient, readCredentials, runningControllerPid } from '@loom/protocol';

const root = fileURLToPath(new URL('..', import.meta.url));
const loomBin = join(root, 'packages', 'cli', 'bin', 'loom.js');
const MUTATIONS = 10_000;
const CLIENTS = 8;

const scratch = await mkdtemp(join(tmpdir(), 'loom-bench-'));
const home = join(scratch, 'home');
// The API alone: no machine agents, so only the benchmark's calls change the models.
const env = { ...process.env, LOOM_HOME: home, LOOM_MACHINE_AGENTS: 'off' };

function loom(...argv) {
  const result = spawnSync(process.execPath, [loomBin, ...argv], { env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`loom ${argv.join(' ')}: ${result.stderr}`);
}

async function charm(name, metadata, config = '') {
  const directory = join(scratch, name);
  await mkdir(directory, { recursive: true });
  await writeFile(join(directory, 'metadata.yaml'), metadata);
  if (config !== '') await writeFile(join(directory, 'config.yaml'), config);
  return directory;
}

function percentile(sorted, fraction) {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))];
}

function report(label, latencies, elapsedMs) {
  const sorted = [...latencies].sort((a, b) => a - b);
  console.log(
    `${label.padEnd(34)} ${String(latencies.length).padStart(6)} calls  ` +
      `${Math.round((latencies.length / elapsedMs) * 1000)
        .toString()
        .padStart(6)} /s  p50 ${percentile(sorted, 0.5).toFixed(2)} ms  ` +
      `p99 ${percentile(sorted, 0.99).toFixed(2)} ms  max ${sorted.at(-1).toFixed(2)} ms`,
  );
}

/** The i-th mutation of a stream on `application` (its own units, so streams do not collide). */
function mutation(client, model, application, state, i) {
  if (i % 2 === 0) return client.call('configure', { model, application, settings: { tick: i } });
  if (i % 4 === 1)
    return client.call('add-unit', { model, application }).then((reply) => {
      state.last = reply.units[0];
    });
  return client.call('remove-unit', { model, units: [state.last] });
}

async function stream(client, model, application, count) {
  const latencies = [];
  const state = { last: undefined };
  for (let i = 0; i < count; i += 1) {
    const start = performance.now();
    await mutation(client, model, application, state, i);
    latencies.push(performance.now() - start);
  }
  return latencies;
}

try {
  loom('bootstrap');
  const client = new ApiClient(await readCredentials(home));
  const worker = await charm(
    'worker',
    'name: worker\nsummary: s\ndescription: d\nrequires:\n  db:\n    interface: pgsql\n',
    'options:\n  tick:\n    type: int\n    default: 0\n',
  );
  const database = await charm(
    'database',
    'name: database\nsummary: s\ndescription: d\nprovides:\n  db:\n    interface: pgsql\n',
  );
  console.log(`controller pid ${await runningControllerPid(home)}, store ${home}/controller.db`);

  await client.call('add-model', { name: 'mutations' });
  for (let c = 0; c < CLIENTS; c += 1)
    await client.call('deploy', {
      model: 'mutations',
      application: `w${c}`,
      charm: { path: worker },
      numUnits: 1,
    });
  // Warm up the connection and the JIT.
  await stream(client, 'mutations', 'w0', 200);

  let start = performance.now();
  const sequential = await stream(client, 'mutations', 'w0', MUTATIONS);
  report('sequential, 1 client', sequential, performance.now() - start);

  const credentials = await readCredentials(home);
  start = performance.now();
  const parallel = await Promise.all(
    Array.from({ length: CLIENTS }, (_, c) =>
      stream(new ApiClient(credentials), 'mutations', `w${c}`, MUTATIONS / CLIENTS),
    ),
  );
  report(`concurrent, ${CLIENTS} clients`, parallel.flat(), performance.now() - start);

  await client.call('add-model', { name: 'status' });
  await client.call('deploy', {
    model: 'status',
    application: 'web',
    charm: { path: worker },
    numUnits: 900,
  });
  await client.call('deploy', {
    model: 'status',
    application: 'db',
    charm: { path: database },
    numUnits: 100,
  });
  await client.call('integrate', { model: 'status', endpoints: ['web', 'db'] });
  const timings = [];
  let units = 0;
  for (let i = 0; i < 21; i += 1) {
    const begin = performance.now();
    const status = await client.call('status', { model: 'status' });
    if (i > 0) timings.push(performance.now() - begin);
    units = status.units.length;
  }
  timings.sort((a, b) => a - b);
  console.log(
    `status of a ${units}-unit model        p50 ${percentile(timings, 0.5).toFixed(1)} ms  ` +
      `max ${timings.at(-1).toFixed(1)} ms  (target <= 300 ms)`,
  );
} finally {
  spawnSync(process.execPath, [loomBin, 'kill-controller', '-y'], { env });
  await rm(scratch, { recursive: true, force: true });
}
