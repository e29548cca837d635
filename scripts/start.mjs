// `npm start`: builds what changed, then runs Loom's main job on the embedded default.
// Until the demo model exists, the main job checks the example charms and the real-charm corpus.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function charmDirectories(parent) {
  const directory = join(root, parent);
  if (!existsSync(directory)) return [];
  return readdirSync(directory, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(parent, entry.name))
    .sort();
}

const built = run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-b']);
if (built !== 0) process.exit(built);

const examples = charmDirectories('examples/charms');
const corpus = charmDirectories('../shared/corpus/charms');
if (corpus.length === 0) {
  console.error(
    'note: ../shared/corpus/charms is not beside the project; checking the examples only',
  );
}
console.log(`Checking ${examples.length} example and ${corpus.length} corpus charm directories\n`);
process.exit(
  run(process.execPath, [
    join(root, 'packages/cli/bin/loom.js'),
    'charm',
    'check',
    '--summary',
    ...examples,
    ...corpus,
  ]),
);
