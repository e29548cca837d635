// The runtime import graph of a TypeScript program: which source file imports which, resolved
// the way the compiler resolves them. Type-only imports are left out: they vanish at run time.
import ts from 'typescript';

/** @type {WeakMap<ts.Program, Map<string, {target: string, specifier: string}[]>>} */
const graphs = new WeakMap();

/**
 * Returns, for every source file of the program (not declarations, not node_modules), the source
 * files it imports at run time. Built once per program.
 * @param {ts.Program} program
 */
export function importGraph(program) {
  const cached = graphs.get(program);
  if (cached) return cached;
  const options = program.getCompilerOptions();
  const graph = new Map();
  for (const sourceFile of program.getSourceFiles()) {
    if (!isProjectSource(sourceFile.fileName)) continue;
    const edges = [];
    for (const statement of sourceFile.statements) {
      const specifier = runtimeSpecifier(statement);
      if (specifier === undefined) continue;
      const resolved = ts.resolveModuleName(specifier, sourceFile.fileName, options, ts.sys)
        .resolvedModule?.resolvedFileName;
      if (resolved !== undefined && isProjectSource(resolved)) {
        edges.push({ target: resolved, specifier });
      }
    }
    graph.set(sourceFile.fileName, edges);
  }
  graphs.set(program, graph);
  return graph;
}

/** @param {string} fileName */
function isProjectSource(fileName) {
  return !fileName.includes('/node_modules/') && !/\.d\.[cm]?ts$/.test(fileName);
}

/**
 * The module an import or re-export loads at run time, or undefined for type-only ones.
 * @param {ts.Statement} statement
 */
function runtimeSpecifier(statement) {
  if (ts.isImportDeclaration(statement)) {
    const clause = statement.importClause;
    if (clause?.isTypeOnly) return undefined;
    const named = clause?.namedBindings;
    if (
      clause !== undefined &&
      clause.name === undefined &&
      named !== undefined &&
      ts.isNamedImports(named) &&
      named.elements.length > 0 &&
      named.elements.every((element) => element.isTypeOnly)
    ) {
      return undefined;
    }
    return ts.isStringLiteral(statement.moduleSpecifier)
      ? statement.moduleSpecifier.text
      : undefined;
  }
  if (ts.isExportDeclaration(statement) && !statement.isTypeOnly && statement.moduleSpecifier) {
    return ts.isStringLiteral(statement.moduleSpecifier)
      ? statement.moduleSpecifier.text
      : undefined;
  }
  return undefined;
}
