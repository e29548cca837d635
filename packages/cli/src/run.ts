/**
 * The `loom` program: builds the command tree and runs one invocation against a CliIo.
 */
import { Command, CommanderError } from 'commander';

import { ProtocolError } from '@loom/protocol';

import { addApplicationCommands } from './commands/applications.js';
import { addCharmCommands } from './commands/charm.js';
import { addCompletionCommand } from './commands/completion.js';
import { addDebugLogCommand } from './commands/debug-log.js';
import { addDeployCommand } from './commands/deploy.js';
import { addConfigCommand } from './commands/config.js';
import { addControllerCommands } from './commands/controller.js';
import { addCrossModelCommands } from './commands/cross-model.js';
import { addIntegrationCommands } from './commands/integrations.js';
import { addModelCommands } from './commands/models.js';
import { addOperationCommands } from './commands/operations.js';
import { addResolveCommand } from './commands/resolve.js';
import { addShowCommands } from './commands/show.js';
import { addStatusCommand } from './commands/status.js';
import { addWaitCommand } from './commands/wait.js';
import { CliError, EXIT } from './errors.js';
import type { CliIo } from './io.js';
import { LOOM_VERSION } from './version.js';

/** Exit codes commander uses for "help or version was shown": a success. */
const INFORMATIONAL = new Set(['commander.helpDisplayed', 'commander.version', 'commander.help']);

/** Builds the `loom` command tree writing to `io`; `setExit` receives each action's exit code. */
export function createProgram(io: CliIo, setExit: (code: number) => void): Command {
  const program = new Command('loom')
    .description(
      "Loom runs Juju's integration model on one machine: deploy charms, integrate them, watch their hooks and databags.",
    )
    .version(LOOM_VERSION, '--version', 'print the version of loom')
    .helpOption('-h, --help', 'show help for a command')
    .exitOverride()
    .showSuggestionAfterError()
    .configureOutput({
      writeOut: io.stdout,
      writeErr: io.stderr,
      outputError: (message, write) => {
        write(`ERROR ${message.replace(/^error: /, '')}`);
      },
    })
    .addHelpText(
      'after',
      '\nExamples:\n  loom bootstrap\n  loom models\n  loom charm check ./my-charm\n  loom <command> --help\n',
    );
  addCharmCommands(program, io, setExit);
  addControllerCommands(program, io);
  addModelCommands(program, io);
  addDeployCommand(program, io);
  addApplicationCommands(program, io);
  addIntegrationCommands(program, io);
  addCrossModelCommands(program, io);
  addConfigCommand(program, io);
  addStatusCommand(program, io);
  addShowCommands(program, io);
  addResolveCommand(program, io);
  addOperationCommands(program, io, setExit);
  addWaitCommand(program, io);
  addDebugLogCommand(program, io);
  addCompletionCommand(program, io);
  return program;
}

/**
 * Runs `loom` with the given arguments (without the program name) and returns the exit code:
 * 0 on success, 1 on failure, 2 on a usage error. Errors are printed as `ERROR <message>`.
 *
 * @example
 * const code = await runCli(['charm', 'check', './my-charm'], processIo());
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = createProgram(io, (code) => {
    exitCode = code;
  });
  if (argv.length === 0) {
    io.stdout(program.helpInformation());
    return EXIT.ok;
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return INFORMATIONAL.has(error.code) ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof CliError) {
      io.stderr(`ERROR ${error.message}\n`);
      return error.exitCode;
    }
    // The controller's refusals and an unreachable controller: its message, as Juju prints them.
    if (error instanceof ProtocolError) {
      io.stderr(`ERROR ${error.message}\n`);
      return EXIT.failure;
    }
    throw error;
  }
}
