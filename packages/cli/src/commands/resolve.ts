/** `loom resolve`: clear a unit's failed hook, running it again or (`--no-retry`) skipping it. */
import type { Command } from 'commander';

import { connectController } from '../controller/connect.js';
import type { CliIo } from '../io.js';
import { modelOf, modelOption } from '../options/model.js';

/** Adds `resolve` to `program`. */
export function addResolveCommand(program: Command, io: CliIo): void {
  program
    .command('resolve')
    .alias('resolved')
    .description(
      "Resolve a unit's failed hook (R5.23): run it again, or with --no-retry count it as done without running it.",
    )
    .argument('<unit>', 'the unit in error')
    .option('--no-retry', 'skip the failed hook instead of running it again')
    .addOption(modelOption())
    .addHelpText('after', '\nExamples:\n  loom resolve app/0\n  loom resolve --no-retry app/0\n')
    .action(async (unit: string, options: { retry: boolean; model?: string }) => {
      const client = await connectController(io);
      await client.call('resolve', {
        model: modelOf(io.env, options),
        unit,
        noRetry: !options.retry,
      });
    });
}
