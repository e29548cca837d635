// Benchmark: the hook time of a TypeScript charm on @loom/ops that reads one bag and writes one
// key (relation-changed: the remote unit's bag read, one key set in its own), next to `node -e 0`
// on the same machine, with each hook-tool transport: the agent's socket (Loom's default) and a
// hook-tool process per call (as under real Juju). Target: the charm's hook at most 1.3 × the
// bare Node start.
//
// The charm is built with `loom charm build` and deployed under a real controller and agents;
// the hooks are then run from `loom exec` on its unit, so that the tools answer for a real hook
// context (bench/ops-hook/driver.mjs).
// Run: npm run bench ops-hook (or node bench/ops-hook.bench.mjs) after npm run build.
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

import { ApiClient, readCredentials } from '@loom/protocol';

const ROUNDS = 40;
const TARGET = 1.3;
const root = fileURLToPath(new URL('..', import.meta.url));
const loomBin = join(root, 'packages', 'cli', 'bin', 'loom.js');
const recorder = join(root, 'examples', 'charms', 'hook-recorder');

const CHARM_TS = `import { CharmBase, main } from '@loom/ops';
import type { Framework, RelationChangedEvent } from '@loom/ops';

class BagTouch extends CharmBase {
  constructor(framework: Framework) {
    super(framework);
    framework.observe(this.on.relation('db').changed, this.onDbChanged);
  }

  private readonly onDbChanged = async (event: RelationChangedEvent): Promise<void> => {
    const address = await event.relation.data.unit(event.unit?.name ?? '').get('private-address');
    await event.relation.data.unit(this.unit.name).set('seen', address ?? '');
  };
}

await main(BagTouch);
`;

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

const scratch = await mkdtemp(join(tmpdir(), 'loom-bench-ops-'));
const env = { ...process.env, LOOM_HOME: join(scratch, 'home') };
const loom = (...argv) => {
  const result = spawnSync(process.execPath, [loomBin, ...argv], { env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`loom ${argv.join(' ')}: ${result.stderr}`);
  return result.stdout;
};
try {
  const charm = join(scratch, 'bag-touch');
  await mkdir(join(charm, 'src'), { recursive: true });
  await writeFile(
    join(charm, 'metadata.yaml'),
    'name: bag-touch\nsummary: s\ndescription: d\nrequires:\n  db:\n    interface: recorder\n',
  );
  await writeFile(join(charm, 'src', 'charm.ts'), CHARM_TS);
  loom('charm', 'build', charm);
  loom('bootstrap');
  const client = new ApiClient(await readCredentials(env.LOOM_HOME));
  const model = 'default';
  await client.call('deploy', { model, application: 'db', charm: { path: recorder } });
  await client.call('deploy', { model, application: 'app', charm: { path: charm } });
  await client.call('integrate', { model, endpoints: ['app:db', 'db:source'] });
  for (let waited = 0; ; waited += 200) {
    const status = await client.call('status', { model });
    const idle = status.units.every((unit) => unit.agentStatus.current === 'idle');
    if (idle && status.units.length === 2 && waited > 3000) break;
    if (waited > 60_000) throw new Error('the model did not settle within 60 s');
    await sleep(200);
  }
  const output = loom(
    'exec',
    '--unit',
    'app/0',
    '--',
    process.execPath,
    join(root, 'bench', 'ops-hook', 'driver.mjs'),
    String(ROUNDS),
  );
  const samples = JSON.parse(output);
  const baseline = median(samples['node -e 0']);
  console.log(`hook time, median of ${ROUNDS} runs (charm reads one bag, writes one key):`);
  for (const [name, values] of Object.entries(samples)) {
    const ratio = median(values) / baseline;
    const verdict =
      name === 'node -e 0' ? '' : ratio <= TARGET ? '  (target met)' : '  (over target)';
    console.log(
      `  ${name.padEnd(26)} ${median(values).toFixed(1).padStart(6)} ms  ${ratio.toFixed(2)}×${verdict}`,
    );
  }
  console.log(`target: ≤ ${TARGET}× node -e 0`);
} finally {
  spawnSync(process.execPath, [loomBin, 'kill-controller', '-y'], { env });
  await rm(scratch, { recursive: true, force: true });
}
