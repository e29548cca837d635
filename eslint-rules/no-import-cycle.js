// loom/no-import-cycle: a module may not import, directly or through others, a module that
// imports it back. Uses the TypeScript program that typed linting already built.
import { relative } from 'node:path';

import { importGraph } from './import-graph.js';

/** @type {import('eslint').Rule.RuleModule} */
export const noImportCycle = {
  meta: {
    type: 'problem',
    docs: { description: 'Forbid import cycles between modules (type-only imports excepted).' },
    messages: {
      cycle: 'Dependency cycle: {{path}}. Move what both modules need into a third module.',
    },
    schema: [],
  },
  create(context) {
    const program = context.sourceCode.parserServices?.program;
    if (!program) return {};
    return {
      'Program:exit'() {
        const graph = importGraph(program);
        const file = context.filename;
        for (const edge of graph.get(file) ?? []) {
          const path = findPath(graph, edge.target, file);
          if (path === undefined) continue;
          const node = importNode(context.sourceCode.ast, edge.specifier) ?? context.sourceCode.ast;
          const shown = [file, ...path].map((name) => relative(context.cwd, name)).join(' → ');
          context.report({ node, messageId: 'cycle', data: { path: shown } });
        }
      },
    };
  },
};

/**
 * A path of imports from `from` to `to` (both included), or undefined when there is none.
 * @param {Map<string, {target: string}[]>} graph
 * @param {string} from
 * @param {string} to
 */
function findPath(graph, from, to) {
  /** @type {Map<string, string | null>} */
  const parent = new Map([[from, null]]);
  const queue = [from];
  while (queue.length > 0) {
    const current = /** @type {string} */ (queue.shift());
    if (current === to) {
      const path = [];
      for (let node = current; node !== null; node = parent.get(node) ?? null) path.unshift(node);
      return path;
    }
    for (const { target } of graph.get(current) ?? []) {
      if (parent.has(target)) continue;
      parent.set(target, current);
      queue.push(target);
    }
  }
  return undefined;
}

/**
 * The import or export declaration that loads `specifier`.
 * @param {import('estree').Program} ast
 * @param {string} specifier
 */
function importNode(ast, specifier) {
  return ast.body.find(
    (statement) =>
      (statement.type === 'ImportDeclaration' ||
        statement.type === 'ExportNamedDeclaration' ||
        statement.type === 'ExportAllDeclaration') &&
      statement.source?.value === specifier,
  );
}
