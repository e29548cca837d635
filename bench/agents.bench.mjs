// Benchmark: settle time of a 20-unit peer application of a trivial shell charm under real
// machine agents (one per unit), printed next to the sum of the hook processes' own times
// divided by the concurrency (the machine's cores). Target: the scheduling around the hooks
// (agents, API round trips, commits, watches) adds at most 20 %.
// Run: npm run bench agents (or node bench/agents.bench.mjs) after npm run build.
import { spawnSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

import { ApiClient, readCredentials } from '@loom/protocol';

const UNITS = 20;
const root = fileURLToPath(new URL('..', import.meta.url));
const loomBin = join(root, 'packages', 'cli', 'bin', 'loom.js');
const scratch = await mkdtemp(join(tmpdir(), 'loom-bench-agents-'));
const home = join(scratch, 'home');
const env = { ...process.env, LOOM_HOME: home };

function loom(...argv) {
  const result = spawnSync(process.execPath, [loomBin, ...argv], { env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`loom ${argv.join(' ')}: ${result.stderr}`);
}

try {
  const charm = join(scratch, 'trivial');
  await mkdir(charm);
  await writeFile(
    join(charm, 'metadata.yaml'),
    'name: trivial\nsummary: s\ndescription: d\npeers:\n  peers:\n    interface: trivial-peers\n',
  );
  await writeFile(join(charm, 'dispatch'), '#!/bin/sh\nexit 0\n');
  await chmod(join(charm, 'dispatch'), 0o755);
  loom('bootstrap');
  const client = new ApiClient(await readCredentials(home));
  const model = 'default';

  const start = performance.now();
  await client.call('deploy', {
    model,
    application: 'peer',
    charm: { path: charm },
    numUnits: UNITS,
  });
  const expected = UNITS * (5 + 2 * (UNITS - 1));
  let ran = [];
  let settledAt = 0;
  for (;;) {
    const { records } = await client.call('debug-log', { model, replay: true });
    const now = performance.now();
    const next = records.filter((record) => /^ran ".*" hook in [\d.]+ ms$/.test(record.message));
    if (next.length !== ran.length) settledAt = now;
    ran = next;
    if (ran.length >= expected && now - settledAt > 1_000) break;
    if (now - start > 300_000)
      throw new Error(`not settled after 5 minutes: ${ran.length}/${expected} hooks`);
    await sleep(100);
  }
  const settleMs = settledAt - start;
  const hookMs = ran.reduce(
    (sum, record) => sum + Number(/in ([\d.]+) ms$/.exec(record.message)[1]),
    0,
  );
  const cores = availableParallelism();
  const ideal = hookMs / cores;
  console.log(
    `${UNITS}-unit peer application: ${ran.length} hooks settled in ${(settleMs / 1000).toFixed(2)} s; ` +
      `hook processes ${(hookMs / 1000).toFixed(2)} s in all, / ${cores} cores = ${(ideal / 1000).toFixed(2)} s; ` +
      `overhead ${((settleMs / ideal - 1) * 100).toFixed(0)} % (target <= 20 %)`,
  );
} finally {
  spawnSync(process.execPath, [loomBin, 'kill-controller', '-y'], { env });
  await rm(scratch, { recursive: true, force: true });
}
