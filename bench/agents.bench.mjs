// Benchmark: settle time of a 20-unit peer application under real machine agents (one per unit,
// as the controller runs them), printed next to the sum of the hook processes' own times divided
// by the concurrency (the machine's cores). Target: the scheduling around the hooks (agents, API
// round trips, commits, watches) adds at most 20 %.
//
// Two charms: the trivial shell charm of the target (`dispatch` is `exit 0`, so a hook is little
// more than a fork) and, where python3 exists, one whose `dispatch` is a Python interpreter start —
// the least any hook of an `ops` charm costs. On Linux it also prints the CPU time the controller
// and the agents used, which is where the overhead goes.
// Run: npm run bench agents (or node bench/agents.bench.mjs) after npm run build.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
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
const cores = availableParallelism();

const CHARMS = [
  { label: 'trivial shell charm', dispatch: '#!/bin/sh\nexit 0\n' },
  ...(spawnSync('python3', ['-c', 'pass']).status === 0
    ? [{ label: 'Python start-up charm', dispatch: '#!/usr/bin/env python3\n' }]
    : []),
];

/** Seconds of CPU the controller and its agents have used so far (Linux), else undefined. */
function cpuSeconds(home) {
  if (!existsSync('/proc/self/stat')) return undefined;
  const controller = readFileSync(join(home, 'controller.pid'), 'utf8').trim();
  const cpuOf = (pid) => {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  };
  let agents = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (command.includes('loom-agent')) agents += cpuOf(pid);
    } catch {
      // The process ended while we looked.
    }
  }
  return { controller: cpuOf(controller), agents };
}

async function settle({ label, dispatch }) {
  const scratch = await mkdtemp(join(tmpdir(), 'loom-bench-agents-'));
  const home = join(scratch, 'home');
  const env = { ...process.env, LOOM_HOME: home };
  const loom = (...argv) => {
    const result = spawnSync(process.execPath, [loomBin, ...argv], { env, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`loom ${argv.join(' ')}: ${result.stderr}`);
  };
  try {
    const charm = join(scratch, 'charm');
    await mkdir(charm);
    await writeFile(
      join(charm, 'metadata.yaml'),
      'name: peer\nsummary: s\ndescription: d\npeers:\n  peers:\n    interface: bench-peers\n',
    );
    await writeFile(join(charm, 'dispatch'), dispatch);
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
    // install, leader-elected, config-changed, start, peers-relation-created, and a joined and
    // a changed hook per other unit.
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
      if (now - start > 600_000)
        throw new Error(`not settled after 10 minutes: ${ran.length}/${expected} hooks`);
      await sleep(100);
    }
    const cpu = cpuSeconds(home);
    const settleMs = settledAt - start;
    const hookMs = ran.reduce(
      (sum, record) => sum + Number(/in ([\d.]+) ms$/.exec(record.message)[1]),
      0,
    );
    const ideal = hookMs / cores;
    console.log(
      `${label}, ${UNITS}-unit peer application: ${ran.length} hooks settled in ${(settleMs / 1000).toFixed(2)} s; ` +
        `hook processes ${(hookMs / 1000).toFixed(2)} s in all (${(hookMs / ran.length).toFixed(1)} ms each), ` +
        `/ ${cores} cores = ${(ideal / 1000).toFixed(2)} s; ` +
        `overhead ${((settleMs / ideal - 1) * 100).toFixed(0)} % (target <= 20 %)`,
    );
    if (cpu !== undefined)
      console.log(
        `  CPU used: controller ${cpu.controller.toFixed(2)} s, ${UNITS} machine agents ${cpu.agents.toFixed(2)} s ` +
          `(${((cpu.agents * 1000) / UNITS).toFixed(0)} ms each, ${((cpu.agents * 1000) / ran.length).toFixed(1)} ms per hook)`,
      );
  } finally {
    spawnSync(process.execPath, [loomBin, 'kill-controller', '-y'], { env });
    await rm(scratch, { recursive: true, force: true });
  }
}

for (const charm of CHARMS) await settle(charm);
