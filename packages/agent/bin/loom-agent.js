#!/usr/bin/env node
// The Loom machine agent. Started by the controller for each machine, not by hand.
import { main } from '../dist/main.js';

main().then(
  () => process.exit(0),
  (error) => {
    console.error(`ERROR ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
