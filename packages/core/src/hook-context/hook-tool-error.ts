/**
 * The errors hook tools report, with Juju's texts and exit codes (R7.2): 2 for a wrong command
 * line (detected before anything runs), 1 for a failure while running.
 */

/** Stable identifiers of hook tool errors. */
export type HookToolErrorCode =
  | 'usage'
  | 'relation-not-found'
  | 'permission-denied'
  | 'not-leader'
  | 'settings-not-found'
  | 'not-found'
  | 'commit-refused';

/** A hook tool call that failed; a charm handler sees it as an exception. */
export class HookToolError extends Error {
  readonly code: HookToolErrorCode;
  /** The exit code the tool process would have: 2 for usage errors, 1 otherwise (R7.2). */
  readonly exitCode: 1 | 2;

  constructor(code: HookToolErrorCode, message: string, exitCode: 1 | 2) {
    super(message);
    this.name = 'HookToolError';
    this.code = code;
    this.exitCode = exitCode;
  }
}

/** A command-line problem: the tool exits 2 (R7.2). */
export function usageError(message: string): HookToolError {
  return new HookToolError('usage', message, 2);
}
