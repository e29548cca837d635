// The direction of imports between Loom's packages (DESIGN.md, "Packages and the direction of
// imports"). ESLint reads this map; tsconfig project references must agree with it.

/** Package directory → the Loom packages it may import. Anything else is a lint error. */
export const allowedImports = {
  'packages/core': [],
  'packages/protocol': ['@loom/core'],
  'packages/store': ['@loom/core', '@loom/protocol'],
  'packages/controller': ['@loom/core', '@loom/protocol', '@loom/store'],
  'packages/hook-tools': ['@loom/protocol'],
  'packages/agent': ['@loom/core', '@loom/protocol', '@loom/hook-tools'],
  'packages/cli': ['@loom/core', '@loom/protocol'],
  'packages/ops': ['@loom/core', '@loom/protocol'],
  'packages/testing': ['@loom/core', '@loom/ops'],
  'packages/interfaces': ['@loom/core', '@loom/ops', '@loom/testing'],
  e2e: ['@loom/core', '@loom/protocol'],
};

/**
 * Package directory → the Loom packages whose programs it starts as processes, never importing
 * them: `loom bootstrap` starts the controller daemon, and the controller starts a machine agent
 * per machine. They are runtime dependencies in its
 * package.json, and still forbidden as imports.
 */
export const launches = {
  'packages/cli': ['@loom/controller'],
  'packages/controller': ['@loom/agent'],
};

/**
 * Package directory → the Loom packages it bundles into what it builds, never importing them:
 * `loom charm build` bundles @loom/ops and @loom/interfaces into each TypeScript charm, and
 * @loom/testing into its tests. They are runtime dependencies in its package.json, and still forbidden as imports.
 */
export const bundles = {
  'packages/cli': ['@loom/ops', '@loom/interfaces', '@loom/testing'],
};
