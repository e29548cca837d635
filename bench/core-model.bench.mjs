// Benchmark: the core model engine at two sizes, built by operations only.
//   small: 100 applications,   1,000 units,   500 relations
//   large: 1,000 applications, 10,000 units, 5,000 relations
// Prints the time per operation of each kind and the heap after building. An engine whose cost
// grows linearly with the model has the same time per operation at both sizes.
// Run: npm run bench (or node --expose-gc bench/core-model.bench.mjs) after npm run build.
import {
  commitBagWrite,
  deploy,
  emptyModel,
  enterScope,
  integrate,
  loadCharm,
  removeUnit,
  setUnitStatus,
  unitSnapshot,
} from '@loom/core';

function charm(text) {
  const result = loadCharm({ 'metadata.yaml': text });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.metadata;
}

const provider = charm(
  'name: api-server\nsummary: s\ndescription: d\nprovides:\n  api:\n    interface: bench-api\npeers:\n  cluster:\n    interface: bench-peers\n',
);
const requirer = charm(
  'name: api-client\nsummary: s\ndescription: d\nrequires:\n  api:\n    interface: bench-api\n',
);

const UNITS_PER_APPLICATION = 10;
const RELATIONS_PER_CLIENT = 10;

/** Times `run` over every item; returns microseconds per call. */
function timed(items, run) {
  const start = process.hrtime.bigint();
  for (const item of items) run(item);
  const elapsed = Number(process.hrtime.bigint() - start) / 1000;
  return { count: items.length, microseconds: elapsed / Math.max(items.length, 1) };
}

function must(result) {
  if (!result.ok) throw new Error(result.message);
  return result.state;
}

function build(applications) {
  let state = emptyModel('bench');
  const servers = Array.from({ length: applications / 2 }, (_, i) => `server-n${i}`);
  const clients = Array.from({ length: applications / 2 }, (_, i) => `client-n${i}`);
  const figures = {};
  figures.deploy = timed([...servers, ...clients], (name) => {
    state = must(
      deploy(state, {
        application: name,
        charm: name.startsWith('server') ? provider : requirer,
        numUnits: UNITS_PER_APPLICATION,
      }),
    );
  });
  const units = [...state.units.keys()];
  figures.status = timed(units, (unit) => {
    state = must(setUnitStatus(state, { unit, agent: { current: 'idle', message: '' } }));
  });
  const pairs = clients.flatMap((client, c) =>
    Array.from({ length: RELATIONS_PER_CLIENT }, (_, k) => [
      client,
      servers[(c + k) % servers.length],
    ]),
  );
  figures.integrate = timed(pairs, (endpoints) => {
    state = must(integrate(state, { endpoints }));
  });
  const entries = [];
  for (const relation of state.relations.values()) {
    for (const endpoint of relation.endpoints) {
      for (let n = 0; n < UNITS_PER_APPLICATION; n += 1)
        entries.push([`${endpoint.application}/${n}`, relation.id]);
    }
  }
  figures['enter-scope'] = timed(entries, ([unit, relationId]) => {
    state = must(enterScope(state, { unit, relationId, ingressAddress: '10.0.0.1' }));
  });
  figures['bag-write'] = timed(entries.slice(0, units.length), ([unit, relationId], index) => {
    state = must(
      commitBagWrite(state, {
        relationId,
        owner: { kind: 'unit', unit },
        settings: new Map([['ready', String(index)]]),
      }),
    );
  });
  figures.snapshot = timed(units, (unit) => unitSnapshot(state, unit));
  const removed = units.filter((_, index) => index % 10 === 0);
  figures['remove-unit'] = timed(removed, (unit) => {
    state = must(removeUnit(state, { units: [unit] }));
  });
  return { state, figures };
}

function heapMegabytes() {
  globalThis.gc?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

// A first pass warms the JIT up, so that both sizes are measured with optimised code.
build(100);
const rows = [];
for (const applications of [100, 1000]) {
  const baseline = heapMegabytes();
  const { state, figures } = build(applications);
  const heap = heapMegabytes() - baseline;
  let memberships = 0;
  for (const members of state.memberships.values()) memberships += members.size;
  rows.push({
    applications,
    units: applications * UNITS_PER_APPLICATION,
    relations: state.relations.size,
    memberships,
    heap,
    figures,
  });
}

const kinds = Object.keys(rows[0].figures);
console.log('core model engine: microseconds per operation (built by operations only)\n');
console.log(
  ['operation', ...rows.map((row) => `${row.units} units`), 'large/small']
    .map((cell) => cell.padEnd(16))
    .join(''),
);
for (const kind of kinds) {
  const [small, large] = rows.map((row) => row.figures[kind].microseconds);
  console.log(
    [kind, small.toFixed(1), large.toFixed(1), (large / small).toFixed(2)]
      .map((cell) => cell.padEnd(16))
      .join(''),
  );
}
console.log('');
for (const row of rows) {
  const operations = Object.values(row.figures).reduce((sum, figure) => sum + figure.count, 0);
  console.log(
    `${row.units} units: ${row.applications} applications, ${row.relations} relations, ${row.memberships} memberships, ${operations} operations; heap ${row.heap.toFixed(1)} MB (${((row.heap * 1024) / row.units).toFixed(1)} KB per unit)`,
  );
}
