// Benchmark: the simulator settling whole models with trivial in-process charms.
// Each size runs in its own process (so peak memory is its own): a peer application with 10% of
// the units, and three applications holding the rest, each related to the peer application and
// to the other two. Prints hooks run, hooks per second, microseconds per hook and peak memory.
// Each measured run follows a warm-up run of a 60-unit model in the same process.
// Run: npm run bench (or node bench/simulator.bench.mjs) after npm run build.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { loadCharm, Simulator } from '@loom/core';

function charm(text) {
  const result = loadCharm({ 'metadata.yaml': `summary: s\ndescription: d\n${text}` });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.metadata;
}

const hub = charm(
  'name: hub\nprovides:\n  api:\n    interface: bench-api\npeers:\n  cluster:\n    interface: hub-peers\n',
);
const member = (name, provides, requires) =>
  charm(
    `name: ${name}\nrequires:\n  api:\n    interface: bench-api\n  upstream:\n    interface: ${requires}\nprovides:\n  downstream:\n    interface: ${provides}\n`,
  );
const members = [
  member('alpha', 'a-to-b', 'c-to-a'),
  member('beta', 'b-to-c', 'a-to-b'),
  member('gamma', 'c-to-a', 'b-to-c'),
];

function run(units) {
  const sim = new Simulator({ model: 'bench' });
  const trivial = () => undefined;
  const hubUnits = Math.round(units / 10);
  const each = Math.round((units - hubUnits) / 3);
  const start = process.hrtime.bigint();
  sim.deploy({ application: 'hub', charm: hub, numUnits: hubUnits, handler: trivial });
  members.forEach((metadata, index) => {
    sim.deploy({
      application: ['alpha', 'beta', 'gamma'][index],
      charm: metadata,
      numUnits: each,
      handler: trivial,
    });
  });
  for (const application of ['alpha', 'beta', 'gamma']) sim.integrate(`${application}:api`, 'hub');
  sim.integrate('alpha:downstream', 'beta:upstream');
  sim.integrate('beta:downstream', 'gamma:upstream');
  sim.integrate('gamma:downstream', 'alpha:upstream');
  const report = sim.settle();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return {
    units: sim.state.units.size,
    hooks: report.hooks,
    operations: report.operations,
    seconds,
    hooksPerSecond: report.hooks / seconds,
    microsecondsPerHook: (seconds * 1e6) / report.hooks,
    peakMegabytes: process.resourceUsage().maxRSS / 1024,
  };
}

const size = Number(process.argv[2]);
if (Number.isFinite(size) && size > 0) {
  // A small model first warms the JIT up, so every size is measured with optimised code.
  run(60);
  console.log(JSON.stringify(run(size)));
} else {
  const script = fileURLToPath(import.meta.url);
  console.log('simulator: settling a model from deploy to idle, trivial in-process charms\n');
  const repeats = Number(process.env.LOOM_BENCH_REPEATS ?? 3);
  console.log(`(each size run ${repeats} times in fresh processes; best and median shown)\n`);
  console.log(
    [
      'units',
      'hooks',
      'best s',
      'median s',
      'best hooks/s',
      'median hooks/s',
      'µs/hook',
      'peak RSS MB',
    ]
      .map((h) => h.padEnd(15))
      .join(''),
  );
  for (const units of [100, 300, 1000]) {
    const runs = [];
    for (let repeat = 0; repeat < repeats; repeat += 1) {
      const child = spawnSync(process.execPath, [script, String(units)], { encoding: 'utf8' });
      if (child.status !== 0) {
        process.stderr.write(child.stderr);
        process.exit(1);
      }
      runs.push(JSON.parse(child.stdout));
    }
    runs.sort((a, b) => a.seconds - b.seconds);
    const best = runs[0];
    const median = runs[Math.floor(runs.length / 2)];
    console.log(
      [
        best.units,
        best.hooks,
        best.seconds.toFixed(2),
        median.seconds.toFixed(2),
        Math.round(best.hooksPerSecond),
        Math.round(median.hooksPerSecond),
        best.microsecondsPerHook.toFixed(2),
        Math.max(...runs.map((r) => r.peakMegabytes)).toFixed(0),
      ]
        .map((cell) => String(cell).padEnd(15))
        .join(''),
    );
  }
}
