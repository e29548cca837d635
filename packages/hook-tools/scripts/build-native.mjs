// Builds the native hook-tool client (src/client.c → build/loom-hook-tool) with the system C
// compiler. Run by `npm ci` (the root `prepare` script). Without a compiler it says so and the
// agents use the Node fallback (bin/hook-tool.mjs), which works but starts ~100 ms slower.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const output = join(root, 'build', 'loom-hook-tool');
const compiler = process.env.CC ?? 'cc';
mkdirSync(join(root, 'build'), { recursive: true });
const result = spawnSync(
  compiler,
  ['-O2', '-Wall', '-Wextra', '-o', output, join(root, 'src', 'client.c')],
  { stdio: 'inherit' },
);
if (result.error !== undefined || result.status !== 0) {
  console.warn(
    `WARNING cannot build the native hook-tool client with "${compiler}" (${result.error?.message ?? `exit ${result.status}`}); hooks will use the slower Node fallback. Install a C compiler (e.g. apt-get install -y gcc) and run "npm run build" for fast hook tools.`,
  );
}
