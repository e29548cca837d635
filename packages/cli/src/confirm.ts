/**
 * Confirmation before a command destroys something, as Juju asks it: a warning, then
 * "Continue? (y/N):". Without a terminal to ask on, the command needs `-y`.
 */
import { CliError } from './errors.js';
import type { CliIo } from './io.js';

/** What is about to be destroyed, and how the user confirms without a prompt. */
export interface Confirmation {
  /** Whether `-y`/`--no-prompt` was given. */
  readonly yes: boolean;
  /** The command, as the user types it, for the error without a terminal. */
  readonly command: string;
  /** What will be destroyed, as the object of "This command will destroy ...". */
  readonly what: string;
}

/**
 * Resolves when the user confirmed.
 *
 * @throws CliError `confirmation-required` without a terminal and without `-y`; `aborted` when
 *   the user answered no.
 */
export async function confirmDestruction(io: CliIo, confirmation: Confirmation): Promise<void> {
  if (confirmation.yes) return;
  if (io.confirm === undefined)
    throw new CliError(
      'confirmation-required',
      `"${confirmation.command}" would destroy ${confirmation.what}; there is no terminal to confirm on, so add -y to go ahead`,
    );
  const yes = await io.confirm(
    `WARNING! This command will destroy ${confirmation.what}.\n\nContinue? (y/N): `,
  );
  if (!yes) throw new CliError('aborted', `${confirmation.command} aborted`);
}
