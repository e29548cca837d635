// ESLint flat config: type-aware rules for every package, the import direction of DESIGN.md,
// and the purity rules of packages/core (STYLE.md rule 2).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

import { loomPlugin } from './eslint-rules/index.js';
import { allowedImports } from './scripts/package-graph.mjs';

const tsFiles = ['**/*.ts', '**/*.mts'];

/**
 * Two blocks per package: any `@loom/*` import outside the package's allowed list is an error,
 * and only tests (and test support) may import core's shared test support.
 */
const testFiles = (dir) => [`${dir}/**/*.test.ts`, `${dir}/**/test-support/**/*.ts`];
const directionBlocks = Object.entries(allowedImports).flatMap(([dir, allowed]) => {
  const forbidden = Object.values(packageNames()).filter(
    (name) => name !== packageNames()[dir] && !allowed.includes(name),
  );
  const patterns = [
    {
      group: ['@loom/*/*', '!@loom/core/test-support', '!@loom/protocol/hook-tool-wire'],
      message: 'Import another package only through its exports entry point (STYLE.md rule 1).',
    },
    ...(forbidden.length > 0
      ? [
          {
            group: forbidden,
            message: `${dir} may import only ${allowed.join(', ') || 'no other Loom package'} (DESIGN.md, "Packages and the direction of imports").`,
          },
        ]
      : []),
  ];
  const testSupportOnlyInTests = {
    group: ['@loom/core/test-support'],
    message: 'Only tests and test support may import @loom/core/test-support.',
  };
  return [
    {
      files: [`${dir}/**/*.ts`],
      ignores: testFiles(dir),
      rules: {
        'no-restricted-imports': ['error', { patterns: [...patterns, testSupportOnlyInTests] }],
      },
    },
    { files: testFiles(dir), rules: { 'no-restricted-imports': ['error', { patterns }] } },
  ];
});

function packageNames() {
  return Object.fromEntries(
    Object.keys(allowedImports).map((dir) => [dir, `@loom/${dir.split('/').at(-1)}`]),
  );
}

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/node_modules/**', '.loom/**', 'coverage/**'],
  },
  js.configs.recommended,
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly' },
      sourceType: 'module',
    },
  },
  {
    files: tsFiles,
    extends: [tseslint.configs.strictTypeChecked, tseslint.configs.stylisticTypeChecked],
    plugins: { loom: loomPlugin },
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          // node:test registers tests synchronously; their returned promises are the runner's.
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['describe', 'it', 'test', 'suite'] },
          ],
        },
      ],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', fixStyle: 'separate-type-imports' },
      ],
      '@typescript-eslint/consistent-type-exports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      'loom/no-import-cycle': 'error',
      'loom/no-relative-package-import': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ExportAllDeclaration',
          message: 'Name each export one by one (STYLE.md rule 5).',
        },
      ],
    },
  },
  {
    // Tests may use non-null assertions on fixtures they just built.
    files: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  ...directionBlocks,
  {
    // STYLE.md rule 2: core is pure. No I/O, no clock, no randomness, no process state.
    files: ['packages/core/src/**/*.ts'],
    ignores: ['packages/core/src/**/*.test.ts', 'packages/core/src/test-support/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^node:',
              message: 'packages/core is pure: no node:* modules (STYLE.md rule 2).',
            },
            {
              group: ['@loom/*'],
              message: 'packages/core imports no other Loom package (DESIGN.md).',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...['process', 'setTimeout', 'setInterval', 'setImmediate', 'fetch', 'require'].map(
          (name) => ({ name, message: 'packages/core is pure (STYLE.md rule 2).' }),
        ),
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Time comes in as an argument in core.' },
        { object: 'Math', property: 'random', message: 'Randomness comes in as an argument.' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ExportAllDeclaration',
          message: 'Name each export one by one (STYLE.md rule 5).',
        },
        {
          selector: "NewExpression[callee.name='Date']",
          message: 'Time comes in as an argument in core.',
        },
      ],
    },
  },
);
