/**
 * The allowed import graph (scripts/package-graph.mjs, read by ESLint) and the tsconfig project
 * references (read by `tsc -b`) describe the same edges, and each package declares in its
 * package.json the Loom packages it imports.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

import { REPOSITORY_ROOT } from './repository.js';

interface PackageGraphModule {
  allowedImports: Record<string, string[]>;
  launches: Record<string, string[]>;
  bundles: Record<string, string[]>;
}

interface TsConfig {
  references?: { path: string }[];
}

interface Manifest {
  dependencies?: Record<string, string>;
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(join(REPOSITORY_ROOT, path), 'utf8'));
}

describe('the package graph', () => {
  it('matches tsconfig references and package.json dependencies (imports plus launched programs and bundled packages) for every package', async () => {
    const graphUrl = new URL('scripts/package-graph.mjs', `file://${REPOSITORY_ROOT}`);
    const { allowedImports, launches, bundles } = (await import(
      graphUrl.href
    )) as PackageGraphModule;
    const rootConfig = readJson('tsconfig.json') as TsConfig;
    const rootReferences = (rootConfig.references ?? []).map((reference) => reference.path);
    for (const [directory, allowed] of Object.entries(allowedImports)) {
      assert.ok(rootReferences.includes(directory), `${directory} is missing from tsconfig.json`);
      const tsconfig = readJson(`${directory}/tsconfig.json`) as TsConfig;
      const referenced = (tsconfig.references ?? [])
        .map((reference) => `@loom/${reference.path.split('/').at(-1) ?? ''}`)
        .sort();
      const manifest = readJson(`${directory}/package.json`) as Manifest;
      const declared = Object.keys(manifest.dependencies ?? {})
        .filter((name) => name.startsWith('@loom/'))
        .sort();
      assert.deepEqual(referenced, [...allowed].sort(), `${directory}/tsconfig.json references`);
      const started = [...(launches[directory] ?? []), ...(bundles[directory] ?? [])];
      assert.ok(
        declared.every((name) => allowed.includes(name) || started.includes(name)),
        `${directory}/package.json depends on a Loom package it may not import: ${declared.join(', ')}`,
      );
    }
  });
});
