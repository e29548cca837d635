// Runs the whole test suite with Node's built-in runner on the compiled output.
// Usage: node scripts/run-tests.mjs [path-prefix ...]   (e.g. packages/core e2e)
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const searchRoots = ['packages', 'e2e', 'examples'];

/** Every compiled test file under a dist/ directory, skipping node_modules. */
function findTests(directory, insideDist = false) {
  if (!existsSync(directory)) return [];
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === 'node_modules') return [];
      return findTests(path, insideDist || entry.name === 'dist');
    }
    return insideDist && entry.name.endsWith('.test.js') ? [path] : [];
  });
}

const prefixes = process.argv.slice(2);
const tests = searchRoots
  .flatMap((name) => findTests(join(root, name)))
  .map((path) => relative(root, path))
  .filter((path) => prefixes.length === 0 || prefixes.some((prefix) => path.startsWith(prefix)))
  .sort();

if (tests.length === 0) {
  console.error('ERROR no compiled tests found; run "npm run build" first');
  process.exit(1);
}

const result = spawnSync(process.execPath, ['--test', '--test-reporter=spec', ...tests], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
