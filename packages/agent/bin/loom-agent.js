#!/usr/bin/env node
// The Loom machine agent. Started by the controller for each machine, not by hand. It runs the
// bundle `npm run build` makes of dist/ (see scripts/bundle.mjs); for stack traces that name the
// TypeScript sources, set NODE_OPTIONS=--enable-source-maps.
import { main } from '../dist/loom-agent.bundle.mjs';

main().then(
  () => process.exit(0),
  (error) => {
    console.error(`ERROR ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
