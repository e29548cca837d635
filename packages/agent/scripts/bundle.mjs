// Bundles the machine agent into one ES module, dist/loom-agent.bundle.mjs, which bin/loom-agent.js
// runs. The controller starts one agent per machine, so start-up cost is paid once per machine:
// one file loads in about a third of the time of the ~200 modules it is built from (resolution,
// reads and linking are what a bundle saves). Run by `npm run build` after `tsc -b`.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));

await build({
  entryPoints: [`${dist}main.js`],
  outfile: `${dist}loom-agent.bundle.mjs`,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  // Bundled CommonJS dependencies (yaml) call require() for Node built-ins.
  banner: {
    js: "import { createRequire as loomCreateRequire } from 'node:module'; const require = loomCreateRequire(import.meta.url);",
  },
});
