/** Loom's version, as printed by `loom --version`; kept equal to packages/cli/package.json. */
export const LOOM_VERSION = '0.1.0';
