/**
 * Bundling a TypeScript charm with esbuild: its entry point and everything it imports, @loom/ops
 * included, become ES modules in dist/ that need only `node` — no node_modules on the machine.
 * The output is written to a directory beside the old one and swapped in, so a failed build
 * leaves the last good bundle in place.
 */
import { randomBytes } from 'node:crypto';
import { access, mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';

import type { Message, Plugin } from 'esbuild';

import { CliError } from '../errors.js';

/** Entry points looked for, in order: a separate main module first, as `loom charm init` makes. */
export const ENTRY_POINTS = ['src/main.ts', 'src/charm.ts'] as const;

/** What a bundle run produced, relative to the charm directory. */
export interface BundleResult {
  readonly entryPoint: string;
  readonly outputs: readonly string[];
  readonly bytes: number;
}

/**
 * Resolves `@loom/ops`, `@loom/interfaces` (and, in tests, `@loom/testing`) to Loom's own copy unless the charm has
 * one in its node_modules, so a charm builds and tests without `npm install`; everything else
 * resolves from the charm as usual.
 */
function loomPackagesPlugin(charmDir: string): Plugin {
  return {
    name: 'loom-packages',
    setup(build) {
      build.onResolve({ filter: /^@loom\/(ops|testing|interfaces)$/ }, async ({ path }) => {
        const own = join(charmDir, 'node_modules', ...path.split('/'));
        return (await exists(own))
          ? undefined
          : { path: createRequire(import.meta.url).resolve(path) };
      });
    },
  };
}

/** The entry point the charm has. @throws CliError `charm-entry-missing` naming both choices. */
export async function charmEntryPoint(charmDir: string, shown: string): Promise<string> {
  for (const entry of ENTRY_POINTS) {
    if (await exists(join(charmDir, entry))) return entry;
  }
  throw new CliError(
    'charm-entry-missing',
    `"${shown}" has neither ${ENTRY_POINTS.join(' nor ')}: a TypeScript charm's entry point calls main() from @loom/ops; create one with \`loom charm init\``,
  );
}

/**
 * Bundles `entryPoints` (relative to `charmDir`) into `outDir` (relative too), replacing what
 * was there only when the build succeeded. `charm` names the single entry's output
 * `charm.mjs`; otherwise each output keeps its source's name.
 *
 * @throws CliError `charm-build-failed` with esbuild's messages as file:line:column.
 */
export async function bundleCharm(
  charmDir: string,
  entryPoints: readonly string[],
  outDir: string,
  naming: 'charm' | 'source',
): Promise<BundleResult> {
  const { build } = await import('esbuild');
  const result = await build({
    absWorkingDir: charmDir,
    entryPoints: [...entryPoints],
    outdir: outDir,
    outbase: 'src',
    entryNames: naming === 'charm' ? 'charm' : '[dir]/[name]',
    chunkNames: 'chunks/[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    minify: true,
    // Class names are the handle paths stored state is kept under: they must survive minifying.
    keepNames: true,
    write: false,
    logLevel: 'silent',
    plugins: [loomPackagesPlugin(charmDir)],
    // Bundled CommonJS dependencies call require() for Node's built-ins.
    banner: {
      js: "import { createRequire as loomCreateRequire } from 'node:module'; const require = loomCreateRequire(import.meta.url);",
    },
  }).catch((error: unknown) => {
    const errors = (error as { errors?: readonly Message[] }).errors;
    if (errors === undefined) throw error;
    throw new CliError(
      'charm-build-failed',
      `the charm did not build:\n${errors.map((message) => `  ${describeMessage(message)}`).join('\n')}`,
    );
  });
  const target = join(charmDir, outDir);
  const staging = `${target}.${randomBytes(4).toString('hex')}.tmp`;
  let bytes = 0;
  try {
    for (const file of result.outputFiles) {
      const path = join(staging, relative(target, file.path));
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, file.contents);
      bytes += file.contents.length;
    }
    await rm(target, { recursive: true, force: true });
    await mkdir(dirname(target), { recursive: true });
    await rename(staging, target);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return {
    entryPoint: entryPoints.join(', '),
    outputs: result.outputFiles.map((file) => relative(charmDir, file.path)).sort(),
    bytes,
  };
}

/** `src/charm.ts:1:24: Could not resolve "./missing.js"`, with esbuild's suggestion when it has one. */
function describeMessage(message: Message): string {
  const where = message.location;
  const at = where === null ? '' : `${where.file}:${where.line}:${where.column + 1}: `;
  const suggestion =
    where?.suggestion === undefined || where.suggestion === ''
      ? ''
      : ` (did you mean "${where.suggestion}"?)`;
  const notes = message.notes.map((note) => `\n    ${note.text}`).join('');
  return `${at}${message.text}${suggestion}${notes}`;
}

/** Every `*.test.ts` under the charm's src/, relative to the charm directory, sorted. */
export async function charmTestFiles(charmDir: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (directory: string): Promise<void> => {
    const entries = await readdir(join(charmDir, directory), { withFileTypes: true }).catch(
      () => [],
    );
    for (const entry of entries) {
      const path = `${directory}/${entry.name}`;
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile() && entry.name.endsWith('.test.ts')) found.push(path);
    }
  };
  await walk('src');
  return found.sort();
}

/** Whether anything is at `path`. */
export async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
