/**
 * The CLI's errors. Every failure reaches the user as `ERROR <message>` on stderr with exit code 1;
 * usage errors (unknown command or flag, missing argument) exit with 2.
 */

/** Exit codes, as Juju's CLI uses them. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/** Base class of every error the CLI reports to the user. */
export class CliError extends Error {
  /** Stable identifier for scripts and tests. */
  readonly code: string;
  readonly exitCode: number;

  constructor(code: string, message: string, exitCode: number = EXIT.failure) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.exitCode = exitCode;
  }
}

/** The command line itself is wrong: unknown command or flag, bad or missing argument. */
export class UsageError extends CliError {
  constructor(message: string) {
    super('usage', message, EXIT.usage);
  }
}
