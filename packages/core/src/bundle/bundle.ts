/**
 * A Juju bundle as Loom reads it: applications from local charms with their units, options and
 * placement, the machines those units are placed on, and the relations between the applications.
 * Every part keeps where it was written, so each problem found later, by the CLI or by the
 * controller against the live model, points at a line of the bundle.
 */
import type { ConfigValue } from '../charm/metadata.js';
import { formatProblem } from '../charm/problem.js';
import type { Problem, SourceLocation } from '../charm/problem.js';

/** Stable identifiers of every problem found in a bundle. */
export type BundleProblemCode =
  | 'yaml-syntax'
  | 'duplicate-yaml-key'
  | 'schema'
  | 'unknown-key'
  | 'ignored-key'
  | 'no-applications'
  | 'not-local-charm'
  | 'charm-invalid'
  | 'bad-application-name'
  | 'application-exists'
  | 'bad-machine-id'
  | 'unused-machine'
  | 'bad-placement'
  | 'too-many-placements'
  | 'subordinate-units'
  | 'bad-option'
  | 'bad-relation'
  | 'duplicate-relation'
  | 'relation-refused'
  | 'not-supported';

/** One thing wrong (or worth a warning) in a bundle. */
export type BundleProblem = Problem<BundleProblemCode>;

/** An application of the bundle. */
export interface BundleApplication {
  readonly name: string;
  /** The charm as written: a path relative to the bundle's directory (or absolute). */
  readonly charm: string;
  /** Units to add (`num_units`, or `scale`); 0 when omitted, as in Juju's bundles. */
  readonly numUnits: number;
  /** Option values, as typed in YAML; checked against the charm's config when deployed. */
  readonly options: Readonly<Record<string, ConfigValue>>;
  /** Placement directives (`to`) for the first units, in order. */
  readonly to: readonly string[];
  /** Where each part was written. */
  readonly at: {
    readonly name: SourceLocation;
    readonly charm: SourceLocation;
    readonly numUnits: SourceLocation;
    readonly options: SourceLocation;
    readonly to: SourceLocation;
  };
}

/** A machine declared in the bundle's `machines:`; each becomes a new machine of the model. */
export interface BundleMachine {
  /** The bundle's own id for it (`"0"`), which `to` directives refer to. */
  readonly id: string;
  readonly at: SourceLocation;
}

/** A relation of the bundle: two endpoints, `app` or `app:endpoint`. */
export interface BundleRelation {
  readonly endpoints: readonly [string, string];
  readonly at: SourceLocation;
}

/** A bundle read from YAML: what to deploy, in the order it was written. */
export interface BundleSpec {
  /** The bundle's file name as given, for messages. */
  readonly file: string;
  readonly applications: readonly BundleApplication[];
  readonly machines: readonly BundleMachine[];
  readonly relations: readonly BundleRelation[];
}

/** Builds a bundle problem at a location. */
export function bundleProblem(
  at: SourceLocation,
  code: BundleProblemCode,
  message: string,
  fix: string,
  severity: 'error' | 'warning' = 'error',
): BundleProblem {
  return { ...at, code, severity, message, fix };
}

/**
 * Why a bundle cannot be deployed: every problem at its line, each with its fix, as the CLI and
 * the controller both report them.
 */
export function bundleRefusal(file: string, problems: readonly BundleProblem[]): string {
  const lines = problems.map((problem) => `${formatProblem(problem)}\n    fix: ${problem.fix}`);
  return `cannot deploy bundle "${file}":\n${lines.join('\n')}`;
}
