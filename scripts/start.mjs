// `npm start`: Loom's main job — the demo model, end to end. Builds what changed (Loom, and the
// demo's TypeScript charms), starts a controller in LOOM_HOME (by default .loom/demo in the
// project, which git ignores), deploys examples/bundles/demo.yaml unless the model already has
// it, waits until every unit has settled while showing progress, then prints
// `loom status --relations` and what both sides of the webapp–database relation see.
// Running it again reuses the model: nothing is deployed twice.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { setInterval, clearInterval } from 'node:timers';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const loomBin = join(root, 'packages/cli/bin/loom.js');
const bundle = join(root, 'examples/bundles/demo.yaml');
const env = { ...process.env, LOOM_HOME: process.env.LOOM_HOME ?? join(root, '.loom', 'demo') };
/** The TypeScript charms of the demo bundle, built with `loom charm build`. */
const CHARMS = ['database', 'webapp', 'proxy', 'log-forwarder'];
const APPLICATIONS = ['database', 'webapp', 'proxy', 'log-forwarder'];

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, env, stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    console.error(`npm start: ${[command, ...args].join(' ')} exited with ${result.status}`);
    process.exit(result.status ?? 1);
  }
  return result;
}

function loom(...args) {
  return run(process.execPath, [loomBin, ...args]);
}

function loomJson(...args) {
  const result = run(process.execPath, [loomBin, ...args, '--format', 'json'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  });
  return JSON.parse(result.stdout);
}

/** The newest modification time under `path` (a file or a directory tree). */
function newest(path) {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  return Math.max(info.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

// 1. Loom itself: a full build when the agent bundle is missing, else the incremental one.
if (!existsSync(join(root, 'packages/agent/dist/loom-agent.bundle.mjs'))) {
  run('npm', ['run', 'build', '--silent']);
} else {
  run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-b']);
}

// 2. The demo's charms, when their sources (or @loom/ops) are newer than their bundles.
const opsBuilt = newest(join(root, 'packages/ops/dist'));
for (const charm of CHARMS) {
  const directory = join(root, 'examples/charms', charm);
  const bundled = newest(join(directory, 'dist/charm.mjs'));
  const sources = Math.max(
    newest(join(directory, 'src')),
    newest(join(directory, 'metadata.yaml')),
  );
  if (bundled < sources || bundled < opsBuilt) loom('charm', 'build', directory);
}

// 3. The model: started if needed (any command starts the controller), deployed once.
console.log(`Loom's home: ${env.LOOM_HOME}`);
const status = loomJson('status');
const present = APPLICATIONS.filter((name) => name in status.applications);
if (present.length === APPLICATIONS.length) {
  console.log('The demo is deployed already: reusing the model.');
} else if (present.length > 0) {
  console.error(
    `npm start: the model has only ${present.join(', ')} of the demo's applications; remove them, or use a fresh LOOM_HOME`,
  );
  process.exit(1);
} else {
  loom('deploy', bundle);
}

// 4. Wait until settled, showing each second how many units are idle.
const started = Date.now();
const waiting = spawn(process.execPath, [loomBin, 'wait', '--timeout', '5m'], {
  cwd: root,
  env,
  stdio: ['ignore', 'ignore', 'inherit'],
});
const progress = setInterval(() => {
  const now = loomJson('status');
  const units = Object.values(now.applications).flatMap((application) =>
    Object.values(application.units ?? {}).flatMap((unit) => [
      unit,
      ...Object.values(unit.subordinates ?? {}),
    ]),
  );
  const idle = units.filter((unit) => unit['juju-status']?.current === 'idle').length;
  const active = units.filter((unit) => unit['workload-status']?.current === 'active').length;
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  process.stdout.write(
    `  settling (${seconds} s): ${units.length} units, ${idle} idle, ${active} active\n`,
  );
}, 1000);
const code = await new Promise((resolve) => waiting.on('close', resolve));
clearInterval(progress);
if (code !== 0) {
  console.error('npm start: the model did not settle; see `loom status` and `loom debug-log`');
  process.exit(code ?? 1);
}
console.log(`Settled in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);

// 5. What there is to see.
loom('status', '--relations');
const after = loomJson('status');
const leader =
  Object.entries(after.applications.database?.units ?? {}).find(([, unit]) => unit.leader)?.[0] ??
  'database/0';
console.log(
  '\nThe webapp–database relation, as webapp/0 sees it (the database leader wrote the credentials):',
);
loom('show-unit', 'webapp/0', '--endpoint', 'database');
console.log(`\n... and as ${leader}, the database leader, sees it:`);
loom('show-unit', leader, '--endpoint', 'database');
console.log(
  `\nExplore it: LOOM_HOME=${env.LOOM_HOME} npx loom status | show-unit | debug-log | exec`,
);
