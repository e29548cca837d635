/**
 * Problems found while loading a charm: values, never exceptions. Each has a stable `code` that
 * scripts and tests can rely on, the file and position it was found at, Juju's message where Juju
 * has one, and a one-line fix.
 */

/** How bad a problem is: an error makes the charm unusable; a warning is advice. */
export type ProblemSeverity = 'error' | 'warning';

/** Stable identifiers of every problem the charm loader reports. */
export type CharmProblemCode =
  | 'yaml-syntax'
  | 'duplicate-yaml-key'
  | 'no-metadata'
  | 'metadata-conflict'
  | 'schema'
  | 'reserved-relation-name'
  | 'reserved-interface'
  | 'duplicate-relation-name'
  | 'subordinate-without-container-requires'
  | 'bad-scope'
  | 'missing-interface'
  | 'bad-endpoint-name'
  | 'negative-limit'
  | 'interface-name-style'
  | 'charm-name-style'
  | 'extra-bindings'
  | 'config-type'
  | 'config-default'
  | 'config-empty'
  | 'action-name'
  | 'action-params';

/** A place in a charm file. Lines and columns count from 1. */
export interface SourceLocation {
  /** File name relative to the charm directory, e.g. `metadata.yaml`. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** One thing wrong (or worth a warning) in a YAML file Loom reads: a charm's, a bundle. */
export interface Problem<Code extends string = string> extends SourceLocation {
  readonly code: Code;
  readonly severity: ProblemSeverity;
  /** What is wrong; Juju's own text where Juju reports the same problem. */
  readonly message: string;
  /** One line telling the author how to fix it. */
  readonly fix: string;
}

/** One thing wrong (or worth a warning) in a charm's files. */
export type CharmProblem = Problem<CharmProblemCode>;

/** True if the problem makes the charm (or bundle) unusable. */
export function isError(problem: Problem): boolean {
  return problem.severity === 'error';
}

/**
 * Formats a problem the way compilers do, so editors and terminals can jump to it:
 * `metadata.yaml:12:5: error [reserved-relation-name] <message>`.
 */
export function formatProblem(problem: Problem, directory?: string): string {
  const file = directory === undefined ? problem.file : `${directory}/${problem.file}`;
  return `${file}:${problem.line}:${problem.column}: ${problem.severity} [${problem.code}] ${problem.message}`;
}

/** Orders problems by file, then line, then column, as an author reads them. */
export function sortProblems<P extends Problem>(problems: readonly P[]): P[] {
  return [...problems].sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column,
  );
}
