// Benchmark: @loom/testing on the seed's example charms, in one process. Prints the median time
// of (a) the two-charm TestModel test — two special-provider and two special-requirer units
// deployed, related and settled, every hook running the charms' @loom/ops code — against the
// target of "well under a second", and (b) one state-transition Context.run (a relation-changed
// on a built state), and (c) a Harness beginWithInitialHooks plus one added relation.
// Run: npm run bench testing (or node bench/testing.bench.mjs) after npm run build.
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

import { Context, Harness, relation, state, TestModel } from '@loom/testing';

const examples = new URL('../examples/', import.meta.url);
const { SpecialProviderCharm } = await import(
  new URL('dist/charms/special-provider/src/charm.js', examples).href
);
const { SpecialRequirerCharm } = await import(
  new URL('dist/charms/special-requirer/src/charm.js', examples).href
);
const directory = (name) => ({ directory: fileURLToPath(new URL(`charms/${name}`, examples)) });
const ROUNDS = 30;

async function median(run) {
  await run(); // warm-up
  const times = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const pair = await median(async () => {
  const model = new TestModel();
  model.deploy('special-provider', SpecialProviderCharm, {
    charm: directory('special-provider'),
    numUnits: 2,
  });
  model.deploy('special-requirer', SpecialRequirerCharm, {
    charm: directory('special-requirer'),
    numUnits: 2,
  });
  model.integrate('special-provider:special', 'special-requirer:special');
  const report = await model.settle();
  if (report.hooks < 20) throw new Error(`only ${report.hooks} hooks ran`);
});

const ctx = new Context(SpecialRequirerCharm, { charm: directory('special-requirer') });
const special = relation('special', {
  remoteAppName: 'special-provider',
  remoteAppData: { 'leader-uuid': '8d4d2b43-8a0e-4a0f-9d55-6f0ad8f4a9a1' },
  remoteUnitsData: { 0: { 'special-field': 'special-provider/0 is special' } },
});
const single = await median(async () => {
  const after = await ctx.run(
    ctx.on.relationChanged(special, { remoteUnit: 0 }),
    state({ relations: [special] }),
  );
  if (after.relations[0]?.localUnitData.token === undefined) throw new Error('no token written');
});

const harness = await median(async () => {
  const h = Harness.create(SpecialRequirerCharm, {
    charm: directory('special-requirer'),
    leader: true,
  });
  await h.beginWithInitialHooks();
  await h.addRelation('special', 'special-provider', {
    appData: { 'leader-uuid': 'u' },
    unitData: { 'special-field': 'f' },
  });
});

const row = (name, ms, note = '') =>
  console.log(`  ${name.padEnd(58)} ${ms.toFixed(1).padStart(7)} ms${note}`);
console.log(`@loom/testing, median of ${ROUNDS} runs:`);
row(
  'TestModel: 2 providers + 2 requirers, related and settled',
  pair,
  pair < 1000 ? '  (target < 1 s met)' : '  (over the 1 s target)',
);
row('Context.run: one relation-changed on a built state', single);
row('Harness: beginWithInitialHooks + addRelation with data', harness);
