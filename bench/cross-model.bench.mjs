// Benchmark: the cross-model exchange (spec §8) in one process, on core's linked simulators.
//   1. Deploying and relating: a 100-unit consumer application in `web` integrates with an offer of a 3-unit
//      application in `prod`; both models settle (every hook, the registration, every crossing).
//   2. The idle pass: what the controller pays after each commit of a model holding remote
//      applications when nothing needs to cross — `crossModelSteps` over 20 cross-model relations
//      with 10 units on each side of each (median of 200 passes).
//   3. One bag write crossing: a unit of the offered application writes its unit bag; the
//      exchange carries it and the 10 consuming units run -changed (median of 50).
// Run: npm run bench cross-model (or node bench/cross-model.bench.mjs) after npm run build.
import { performance } from 'node:perf_hooks';

import { consumableOffer, consume, crossModelSteps, integrate, offer } from '@loom/core';
import { applicationToken, CHARMS, LinkedSimulators } from '@loom/core/test-support';

function median(times) {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** prod offers `offered` applications (db-<i>, `units` each); web relates one app to each. */
/** Application names end in a letter (R1): a, b, ... */
const letter = (i) => String.fromCharCode(97 + i);

function linkedModels(offered, units) {
  const linked = new LinkedSimulators('prod', 'web');
  const prod = linked.model('prod');
  const web = linked.model('web');
  for (let i = 0; i < offered; i += 1) {
    prod.deploy({
      application: `db-${letter(i)}`,
      charm: CHARMS.dbcharm,
      numUnits: units.offering,
    });
    prod.run((state) => offer(state, { application: `db-${letter(i)}`, endpoints: ['database'] }));
    web.deploy({
      application: `app-${letter(i)}`,
      charm: CHARMS.webcharm,
      numUnits: units.consuming,
    });
    const description = consumableOffer(
      prod.state,
      `db-${letter(i)}`,
      `admin/prod.db-${letter(i)}`,
    );
    web.run((state) => consume(state, { offer: description }));
    web.run((state) => integrate(state, { endpoints: [`app-${letter(i)}`, `db-${letter(i)}`] }));
  }
  return linked;
}

let start = performance.now();
const relating = linkedModels(1, { offering: 3, consuming: 100 });
relating.settle();
const relateMs = performance.now() - start;
const hooks = [...relating.models.values()].reduce(
  (sum, simulator) => sum + simulator.units().reduce((n, unit) => n + simulator.hookCount(unit), 0),
  0,
);
console.log(
  `deploy and relate 100 consuming units to a 3-unit offer, both models settled: ${relateMs.toFixed(0)} ms (${hooks} hooks)`,
);

const wide = linkedModels(20, { offering: 10, consuming: 10 });
wide.settle();
const states = new Map([...wide.models].map(([name, simulator]) => [name, simulator.state]));
const passes = [];
for (let round = 0; round < 200; round += 1) {
  start = performance.now();
  const steps = crossModelSteps(states, applicationToken);
  passes.push(performance.now() - start);
  if (steps.length !== 0) throw new Error('the settled models still have exchange steps');
}
console.log(
  `idle exchange pass, 20 cross-model relations x 20 units: median ${median(passes).toFixed(2)} ms`,
);

const writes = [];
const prod = wide.model('prod');
let tick = 0;
prod.charm('dbcharm', (context) => {
  if (context.hook?.name !== 'config-changed') return;
  for (const id of context.relationIds('database'))
    context.relationSet(new Map([['tick', String(tick)]]), {
      relationId: Number(id.slice(id.indexOf(':') + 1)),
    });
});
for (let round = 0; round < 50; round += 1) {
  tick += 1;
  start = performance.now();
  prod.configure('db-a', { tick });
  wide.settle();
  writes.push(performance.now() - start);
}
console.log(
  `one application's unit-bag writes crossing to 10 consuming units: median ${median(writes).toFixed(1)} ms per round`,
);
