// Loom's own ESLint rules: the parts of DESIGN.md's architecture that no published plugin we can
// install checks for us.
import { noImportCycle } from './no-import-cycle.js';
import { noRelativePackageImport } from './no-relative-package-import.js';

/** @type {import('eslint').ESLint.Plugin} */
export const loomPlugin = {
  meta: { name: 'loom' },
  rules: {
    'no-import-cycle': noImportCycle,
    'no-relative-package-import': noRelativePackageImport,
  },
};
