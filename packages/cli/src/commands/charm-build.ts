/**
 * `loom charm build <dir>`: checks the charm's metadata, bundles its entry point (src/main.ts or
 * src/charm.ts) with @loom/ops into dist/, writes `dispatch` when the charm has none, and with
 * `--tests` bundles src/**\/*.test.ts into build/tests/ for `node --test`.
 */
import { chmod, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

import type { CharmMetadata } from '@loom/core';

import { bundleCharm, charmEntryPoint, charmTestFiles, exists } from '../charm/bundle-charm.js';
import { DISPATCH_SCRIPT } from '../charm/dispatch-script.js';
import { readValidCharmMetadata } from '../charm/read-charm-directory.js';
import type { CliIo } from '../io.js';

/** Where the charm's bundle goes, and the test bundles. */
export const BUNDLE_DIR = 'dist';
export const TEST_BUNDLE_DIR = 'build/tests';

/** Options of `loom charm build`. */
export interface CharmBuildOptions {
  /** Also bundle the tests. */
  readonly tests?: boolean;
}

/** Builds the charm in `directory`; returns its metadata for `pack`. */
export async function charmBuild(
  directory: string,
  options: CharmBuildOptions,
  io: CliIo,
): Promise<CharmMetadata> {
  const metadata = await readValidCharmMetadata(io.cwd, directory);
  const charmDir = resolve(io.cwd, directory);
  const entry = await charmEntryPoint(charmDir, directory);
  const bundle = await bundleCharm(charmDir, [entry], BUNDLE_DIR, 'charm');
  io.stdout(
    `Built ${metadata.name} from ${entry}: ${bundle.outputs.length} file${bundle.outputs.length === 1 ? '' : 's'} in ${BUNDLE_DIR}/ (${kib(bundle.bytes)})\n`,
  );
  const dispatch = join(charmDir, 'dispatch');
  if (!(await exists(dispatch))) {
    await writeFile(dispatch, DISPATCH_SCRIPT);
    await chmod(dispatch, 0o755);
    io.stdout('Wrote dispatch, which runs the bundle with node\n');
  }
  if (options.tests === true) {
    const tests = await charmTestFiles(charmDir);
    if (tests.length === 0) {
      io.stdout('No tests: no src/**/*.test.ts\n');
    } else {
      await bundleCharm(charmDir, tests, TEST_BUNDLE_DIR, 'source');
      io.stdout(
        `Built ${tests.length} test file${tests.length === 1 ? '' : 's'} in ${TEST_BUNDLE_DIR}/: run node --test ${TEST_BUNDLE_DIR}/\n`,
      );
    }
  }
  return metadata;
}

export function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}
