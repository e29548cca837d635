/**
 * `loom add-unit`, `remove-unit` and `remove-application`: applications' units in the current
 * model (`-m`, else the model switched to, else "default"). `deploy` has a file of its own.
 */
import type { Command } from 'commander';

import { connectController } from '../controller/connect.js';
import type { CliIo } from '../io.js';
import { parseCount } from '../options/count.js';
import { modelOf, modelOption } from '../options/model.js';
import { parsePlacementOption } from '../options/placement.js';

/** Adds the application commands to `program`. */
export function addApplicationCommands(program: Command, io: CliIo): void {
  program
    .command('add-unit')
    .description('Add units to an application, each on a new machine.')
    .argument('<application>', 'the application')
    .option('-n, --num-units <n>', 'how many units', parseCount, 1)
    .option(
      '--to <machines>',
      'existing machines for the first units, comma-separated (others get new machines)',
      parsePlacementOption,
    )
    .addOption(modelOption())
    .addHelpText('after', '\nExamples:\n  loom add-unit db -n 2\n  loom add-unit db --to 3\n')
    .action(
      async (application: string, options: { numUnits: number; to?: string[]; model?: string }) => {
        const client = await connectController(io);
        const { units } = await client.call('add-unit', {
          model: modelOf(io.env, options),
          application,
          numUnits: options.numUnits,
          ...(options.to === undefined ? {} : { to: options.to }),
        });
        io.stderr(`Added ${units.join(', ')}\n`);
      },
    );

  program
    .command('remove-unit')
    .description('Remove units: each runs its departing hooks and stop/remove, then goes.')
    .argument('<unit...>', 'the units')
    .addOption(modelOption())
    .addHelpText('after', '\nExamples:\n  loom remove-unit app/1\n')
    .action(async (units: string[], options: { model?: string }) => {
      const client = await connectController(io);
      await client.call('remove-unit', { model: modelOf(io.env, options), units });
      for (const unit of units) io.stderr(`will remove unit ${unit}\n`);
    });

  program
    .command('remove-application')
    .description('Remove an application with all its units and integrations.')
    .argument('<application>', 'the application')
    .addOption(modelOption())
    .addHelpText('after', '\nExamples:\n  loom remove-application app\n')
    .action(async (application: string, options: { model?: string }) => {
      const client = await connectController(io);
      await client.call('remove-application', { model: modelOf(io.env, options), application });
      io.stderr(`will remove application ${application}\n`);
    });
}
