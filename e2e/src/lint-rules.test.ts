/**
 * The lint configuration enforces DESIGN.md's architecture: imports between packages only in the
 * allowed direction and only through entry points, no import cycles, and a pure core. Each case
 * lints a small file placed in a scratch copy of the repository layout.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { ESLint } from 'eslint';

import { REPOSITORY_ROOT } from './repository.js';

let scratch = '';

function write(path: string, text: string): void {
  mkdirSync(dirname(join(scratch, path)), { recursive: true });
  writeFileSync(join(scratch, path), text);
}

/** Lints the given files of the scratch tree; returns "file:rule" for every error. */
async function lintErrors(files: Record<string, string>): Promise<string[]> {
  for (const [path, text] of Object.entries(files)) write(path, text);
  const eslint = new ESLint({ cwd: scratch });
  const results = await eslint.lintFiles(Object.keys(files));
  return results.flatMap((result) =>
    result.messages
      .filter((message) => message.severity === 2)
      .map(
        (message) => `${result.filePath.slice(scratch.length + 1)}:${message.ruleId ?? 'parse'}`,
      ),
  );
}

before(() => {
  scratch = mkdtempSync(join(tmpdir(), 'loom-lint-'));
  const configFiles = [
    'eslint.config.js',
    'tsconfig.base.json',
    'scripts/package-graph.mjs',
    'eslint-rules/index.js',
    'eslint-rules/import-graph.js',
    'eslint-rules/no-import-cycle.js',
    'eslint-rules/no-relative-package-import.js',
  ];
  for (const file of configFiles) {
    mkdirSync(dirname(join(scratch, file)), { recursive: true });
    copyFileSync(join(REPOSITORY_ROOT, file), join(scratch, file));
  }
  symlinkSync(join(REPOSITORY_ROOT, 'node_modules'), join(scratch, 'node_modules'));
  for (const name of ['core', 'cli']) {
    write(
      `packages/${name}/tsconfig.json`,
      JSON.stringify({
        extends: '../../tsconfig.base.json',
        compilerOptions: { rootDir: 'src', outDir: 'dist', composite: false },
        include: ['src'],
      }),
    );
    write(
      `packages/${name}/package.json`,
      JSON.stringify({ name: `@loom/${name}`, type: 'module' }),
    );
  }
});

after(() => {
  rmSync(scratch, { recursive: true, force: true });
});

describe('lint rules for the architecture', () => {
  it('accepts a clean pair of files', async () => {
    const errors = await lintErrors({
      'packages/core/src/clean-a.ts':
        "import { b } from './clean-b.js';\nexport const a = (): number => b + 1;\n",
      'packages/core/src/clean-b.ts': 'export const b = 1;\n',
    });
    assert.deepEqual(errors, []);
  });

  it('fails on an import cycle inside a package', async () => {
    const errors = await lintErrors({
      'packages/core/src/cycle-a.ts':
        "import { b } from './cycle-b.js';\nexport const a = (): number => b();\n",
      'packages/core/src/cycle-b.ts':
        "import { a } from './cycle-a.js';\nexport const b = (): number => a();\n",
    });
    assert.deepEqual(errors.sort(), [
      'packages/core/src/cycle-a.ts:loom/no-import-cycle',
      'packages/core/src/cycle-b.ts:loom/no-import-cycle',
    ]);
  });

  it('fails on a longer cycle and names every module on it', async () => {
    write(
      'packages/core/src/ring-a.ts',
      "import { b } from './ring-b.js';\nexport const a = (): number => b();\n",
    );
    write(
      'packages/core/src/ring-b.ts',
      "import { c } from './ring-c.js';\nexport const b = (): number => c();\n",
    );
    write(
      'packages/core/src/ring-c.ts',
      "import { a } from './ring-a.js';\nexport const c = (): number => a();\n",
    );
    const eslint = new ESLint({ cwd: scratch });
    const [result] = await eslint.lintFiles(['packages/core/src/ring-a.ts']);
    const messages = result?.messages.map((message) => message.message) ?? [];
    assert.deepEqual(messages, [
      'Dependency cycle: packages/core/src/ring-a.ts → packages/core/src/ring-b.ts → packages/core/src/ring-c.ts → packages/core/src/ring-a.ts. Move what both modules need into a third module.',
    ]);
  });

  it('ignores a cycle made only of type imports, which vanish at run time', async () => {
    const errors = await lintErrors({
      'packages/core/src/types-a.ts':
        "import type { B } from './types-b.js';\nexport interface A { b?: B }\n",
      'packages/core/src/types-b.ts':
        "import type { A } from './types-a.js';\nexport interface B { a?: A }\n",
    });
    assert.deepEqual(errors, []);
  });

  it('fails on a relative import into another package', async () => {
    const errors = await lintErrors({
      'packages/cli/src/sideways.ts': "export { b } from '../../core/src/clean-b.js';\n",
    });
    assert.ok(
      errors.includes('packages/cli/src/sideways.ts:loom/no-relative-package-import'),
      errors.join(),
    );
  });

  it('fails when core imports a package above it', async () => {
    const errors = await lintErrors({
      'packages/core/src/upward.ts': "export { runCli } from '@loom/cli';\n",
    });
    assert.ok(errors.includes('packages/core/src/upward.ts:no-restricted-imports'), errors.join());
  });

  it("fails on a deep import into another package's build output", async () => {
    const errors = await lintErrors({
      'packages/cli/src/deep.ts':
        "export { loadCharm } from '@loom/core/dist/charm/load-charm.js';\n",
    });
    assert.ok(errors.includes('packages/cli/src/deep.ts:no-restricted-imports'), errors.join());
  });

  it('fails when core does I/O, reads the clock or draws random numbers', async () => {
    const errors = await lintErrors({
      'packages/core/src/impure.ts':
        "import { readFileSync } from 'node:fs';\nexport const size = (): number => readFileSync('x').length + Date.now() + Math.random();\n",
    });
    assert.deepEqual(errors.sort(), [
      'packages/core/src/impure.ts:no-restricted-imports',
      'packages/core/src/impure.ts:no-restricted-properties',
      'packages/core/src/impure.ts:no-restricted-properties',
    ]);
  });

  it('fails on a floating promise and on a value import used only as a type', async () => {
    const errors = await lintErrors({
      'packages/cli/src/sloppy.ts':
        "import { Buffer } from 'node:buffer';\nexport function f(b: Buffer): void {\n  Promise.resolve(b);\n}\n",
    });
    assert.deepEqual(errors.sort(), [
      'packages/cli/src/sloppy.ts:@typescript-eslint/consistent-type-imports',
      'packages/cli/src/sloppy.ts:@typescript-eslint/no-floating-promises',
    ]);
  });
});
