// The direction of imports between Loom's packages (DESIGN.md, "Packages and the direction of
// imports"). ESLint reads this map; tsconfig project references must agree with it.

/** Package directory → the Loom packages it may import. Anything else is a lint error. */
export const allowedImports = {
  'packages/core': [],
  'packages/cli': ['@loom/core'],
};
