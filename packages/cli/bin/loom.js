#!/usr/bin/env node
// The `loom` command. The program itself is compiled TypeScript in ../dist (built by `npm ci`).
import { existsSync } from 'node:fs';

const main = new URL('../dist/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write('ERROR loom is not built; run "npm run build" in the Loom repository\n');
  process.exit(1);
}
await import(main.href);
