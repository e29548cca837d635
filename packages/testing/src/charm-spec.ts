/**
 * A charm under test: its metadata given as the texts of its files, or read from its directory,
 * loaded by core exactly as a deploy loads it. A charm Juju would refuse is refused here too,
 * with each problem's file:line:column and fix.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { CHARM_FILE_NAMES, formatProblem, isError, loadCharm } from '@loom/core';
import type { CharmFiles, CharmMetadata } from '@loom/core';

/** The charm's metadata files as text (`metadata` is metadata.yaml), or its directory. */
export type CharmSpec =
  | {
      readonly metadata: string;
      readonly config?: string;
      readonly actions?: string;
    }
  | { readonly directory: string };

/** A charm whose metadata does not load. */
export class CharmSpecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/**
 * The charm's metadata, loaded by core.
 *
 * @throws CharmSpecError listing every problem, or naming the directory it could not read.
 */
export function loadCharmSpec(spec: CharmSpec): CharmMetadata {
  const files = 'directory' in spec ? readDirectory(spec.directory) : textFiles(spec);
  const loaded = loadCharm(files);
  if (loaded.ok) return loaded.metadata;
  const problems = loaded.problems
    .filter(isError)
    .map((problem) => `  ${formatProblem(problem)}\n    fix: ${problem.fix}`);
  throw new CharmSpecError(`the charm's metadata is not valid:\n${problems.join('\n')}`);
}

function textFiles(spec: Exclude<CharmSpec, { directory: string }>): CharmFiles {
  return {
    'metadata.yaml': spec.metadata,
    ...(spec.config === undefined ? {} : { 'config.yaml': spec.config }),
    ...(spec.actions === undefined ? {} : { 'actions.yaml': spec.actions }),
  };
}

function readDirectory(directory: string): CharmFiles {
  const files: CharmFiles = {};
  for (const name of CHARM_FILE_NAMES) {
    try {
      files[name] = readFileSync(join(directory, name), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  if (Object.keys(files).length === 0)
    throw new CharmSpecError(
      `"${directory}" holds no ${CHARM_FILE_NAMES.join(', ')}: give the charm's directory, or its metadata as text`,
    );
  return files;
}
