/**
 * A bundle file and the charms it names, read and checked before anything is sent: the bundle's
 * own problems (core's readBundle) and each charm's, at the line that names the charm. Charm
 * paths are relative to the bundle's directory.
 */
import { readFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';

import { bundleRefusal, readBundle, sortProblems } from '@loom/core';
import type { BundleProblem, BundleSpec } from '@loom/core';
import type { CharmFileDocument } from '@loom/protocol';

import { CliError } from '../errors.js';
import { readCharm } from '../charm/read-charm.js';

/** A bundle ready to send: the spec, each charm's files by its path as written, and warnings. */
export interface BundleToDeploy {
  readonly bundle: BundleSpec;
  readonly charms: Record<string, { files: CharmFileDocument[] }>;
  readonly warnings: readonly BundleProblem[];
}

/**
 * Reads the bundle at `path` and every charm it names.
 *
 * @throws CliError `bundle-invalid` listing every problem at its line, with its fix.
 */
export async function readBundleFile(cwd: string, path: string): Promise<BundleToDeploy> {
  const file = resolve(cwd, path);
  const shown = relative(cwd, file) || path;
  const text = await readFile(file, 'utf8').catch((error: unknown) => {
    throw new CliError('bundle-unreadable', `cannot read bundle "${path}": ${String(error)}`);
  });
  const { bundle, problems } = readBundle(shown, text);
  const found = [...problems];
  const charms: Record<string, { files: CharmFileDocument[] }> = {};
  for (const application of bundle?.applications ?? []) {
    if (application.charm === '' || application.charm in charms) continue;
    const charm = await readCharm(dirname(file), application.charm);
    if (charm.ok) {
      charms[application.charm] = { files: charm.files };
      continue;
    }
    found.push({
      ...application.at.charm,
      code: 'charm-invalid',
      severity: 'error',
      message: `charm "${application.charm}" of application "${application.name}": ${charm.message}`,
      fix: `run "loom charm check ${relative(cwd, resolve(dirname(file), application.charm))}" for details`,
    });
  }
  const errors = found.filter((problem) => problem.severity === 'error');
  if (bundle === undefined || errors.length > 0)
    throw new CliError('bundle-invalid', bundleRefusal(shown, sortProblems(errors)));
  return { bundle, charms, warnings: found.filter((problem) => problem.severity === 'warning') };
}
