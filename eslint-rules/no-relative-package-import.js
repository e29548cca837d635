// loom/no-relative-package-import: a relative import must stay inside its own package. Another
// package is imported by its name, through its `exports` entry point (STYLE.md rule 1).
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** @type {Map<string, string | undefined>} */
const packageRoots = new Map();

/**
 * The directory of the nearest package.json above `directory`.
 * @param {string} directory
 * @returns {string | undefined}
 */
function packageRoot(directory) {
  if (packageRoots.has(directory)) return packageRoots.get(directory);
  const parent = dirname(directory);
  const root = existsSync(join(directory, 'package.json'))
    ? directory
    : parent === directory
      ? undefined
      : packageRoot(parent);
  packageRoots.set(directory, root);
  return root;
}

/** @type {import('eslint').Rule.RuleModule} */
export const noRelativePackageImport = {
  meta: {
    type: 'problem',
    docs: { description: 'Forbid relative imports that reach into another package.' },
    messages: {
      outside:
        'Relative import "{{specifier}}" leaves package {{package}}; import the other package by its name instead.',
    },
    schema: [],
  },
  create(context) {
    const ownRoot = packageRoot(dirname(context.filename));
    /** @param {import('estree').ImportDeclaration | import('estree').ExportNamedDeclaration | import('estree').ExportAllDeclaration} node */
    const check = (node) => {
      const specifier = node.source?.value;
      if (typeof specifier !== 'string' || !specifier.startsWith('.') || ownRoot === undefined) {
        return;
      }
      const target = resolve(dirname(context.filename), specifier);
      if (relative(ownRoot, target).startsWith('..')) {
        context.report({
          node,
          messageId: 'outside',
          data: { specifier, package: relative(context.cwd, ownRoot) || '.' },
        });
      }
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check };
  },
};
