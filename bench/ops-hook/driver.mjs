// Runs inside `loom exec --unit app/0` (a hook context with the agent's tools): times `node -e 0`
// and the built charm's relation-changed hook with each tool transport, ROUNDS times each,
// interleaved so that drift on the machine hits all alike, and prints the samples as JSON.
// Usage: node driver.mjs <rounds>; the charm is the unit's (JUJU_CHARM_DIR).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const rounds = Number(process.argv[2] ?? '30');
const charmDir = process.env.JUJU_CHARM_DIR ?? '';
const relationId = spawnSync('relation-ids', ['db', '--format=json'], { encoding: 'utf8' });
const [relation = ''] = JSON.parse(relationId.stdout);
const [remote = ''] = JSON.parse(
  spawnSync('relation-list', ['-r', relation, '--format=json'], { encoding: 'utf8' }).stdout,
);
const hookEnv = (transport) => ({
  ...process.env,
  JUJU_DISPATCH_PATH: 'hooks/db-relation-changed',
  JUJU_HOOK_NAME: 'db-relation-changed',
  JUJU_RELATION: 'db',
  JUJU_RELATION_ID: relation,
  JUJU_REMOTE_UNIT: remote,
  JUJU_REMOTE_APP: remote.split('/')[0],
  JUJU_CHARM_DIR: charmDir,
  LOOM_OPS_TRANSPORT: transport,
});
const runs = {
  'node -e 0': () => spawnSync(process.execPath, ['-e', '0']),
  'charm, socket transport': () =>
    spawnSync(process.execPath, [join(charmDir, 'dist', 'charm.mjs')], {
      cwd: charmDir,
      env: hookEnv('socket'),
    }),
  'charm, process transport': () =>
    spawnSync(process.execPath, [join(charmDir, 'dist', 'charm.mjs')], {
      cwd: charmDir,
      env: hookEnv('process'),
    }),
};
const samples = Object.fromEntries(Object.keys(runs).map((name) => [name, []]));
for (let round = -3; round < rounds; round += 1) {
  for (const [name, run] of Object.entries(runs)) {
    const start = performance.now();
    const result = run();
    const elapsed = performance.now() - start;
    if (result.status !== 0)
      throw new Error(`${name} exited ${result.status}: ${String(result.stderr)}`);
    if (round >= 0) samples[name].push(elapsed);
  }
}
process.stdout.write(`${JSON.stringify(samples)}\n`);
