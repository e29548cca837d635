// Runs every benchmark under bench/ (after `npm run build`) and prints their figures.
// Usage: node scripts/run-bench.mjs [name-filter]
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const filter = process.argv[2] ?? '';
const benches = readdirSync(join(root, 'bench'))
  .filter((name) => name.endsWith('.bench.mjs') && name.includes(filter))
  .sort();
let failed = false;
for (const bench of benches) {
  console.log(`\n== ${bench}`);
  const result = spawnSync(process.execPath, ['--expose-gc', join(root, 'bench', bench)], {
    cwd: root,
    stdio: 'inherit',
  });
  failed ||= result.status !== 0;
}
process.exit(failed ? 1 : 0);
