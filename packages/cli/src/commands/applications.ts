/**
 * `loom deploy`, `add-unit`, `remove-unit` and `remove-application`: applications and their units
 * in the current model (`-m`, else $LOOM_MODEL, else "default").
 */
import { resolve } from 'node:path';

import type { Command } from 'commander';

import { loadCharm } from '@loom/core';
import { readCharmFiles } from '@loom/protocol';

import { readCharmDirectory } from '../charm/read-charm-directory.js';
import { connectController } from '../controller/connect.js';
import { CliError } from '../errors.js';
import type { CliIo } from '../io.js';
import { parseCount } from '../options/count.js';
import { modelOf, modelOption } from '../options/model.js';
import { configSettings } from '../options/settings.js';

/** `--config` of deploy: settings to start with (an empty value keeps the default). */
function initialSettings(pairs: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    Object.entries(configSettings(pairs)).filter(
      (entry): entry is [string, string] => entry[1] !== null,
    ),
  );
}

/** Adds the application commands to `program`. */
export function addApplicationCommands(program: Command, io: CliIo): void {
  program
    .command('deploy')
    .description(
      'Deploy a charm directory as an application. Each unit gets its own machine, and an agent that runs its hooks.',
    )
    .argument('<charm-dir>', 'the charm directory (metadata.yaml or charmcraft.yaml)')
    .argument('[application]', "the application's name (default: the charm's name)")
    .option('-n, --num-units <n>', 'how many units', parseCount, 1)
    .option('--config <key=value...>', 'initial settings', [])
    .addOption(modelOption())
    .addHelpText(
      'after',
      '\nExamples:\n  loom deploy ./my-charm\n  loom deploy ./postgresql db -n 3 --config port=5433\n',
    )
    .action(
      async (
        directory: string,
        name: string | undefined,
        options: { numUnits: number; config: string[]; model?: string },
      ) => {
        // Loaded here first: a broken charm is reported with file:line before anything is sent.
        const loaded = loadCharm(await readCharmDirectory(io.cwd, directory));
        if (!loaded.ok)
          throw new CliError(
            'charm-invalid',
            `charm "${directory}" is not valid: ${loaded.problems
              .filter((problem) => problem.severity === 'error')
              .map((problem) => problem.message)
              .join('; ')}; run "loom charm check ${directory}" for details`,
          );
        const charm = loaded.metadata.name;
        const config = options.config.length === 0 ? undefined : initialSettings(options.config);
        const files = await readCharmFiles(resolve(io.cwd, directory));
        const client = await connectController(io);
        const model = modelOf(io.env, options);
        const application = name ?? charm;
        const deployed = await client.call('deploy', {
          model,
          application,
          charm: { files },
          numUnits: options.numUnits,
          ...(config === undefined ? {} : { config }),
        });
        const revision = /-(\d+)$/.exec(deployed.charmUrl)?.[1] ?? '0';
        io.stderr(`Deploying "${application}" from local charm "${charm}", revision ${revision}\n`);
      },
    );

  program
    .command('add-unit')
    .description('Add units to an application, each on a new machine.')
    .argument('<application>', 'the application')
    .option('-n, --num-units <n>', 'how many units', parseCount, 1)
    .addOption(modelOption())
    .addHelpText('after', '\nExamples:\n  loom add-unit db -n 2\n')
    .action(async (application: string, options: { numUnits: number; model?: string }) => {
      const client = await connectController(io);
      const { units } = await client.call('add-unit', {
        model: modelOf(io.env, options),
        application,
        numUnits: options.numUnits,
      });
      io.stderr(`Added ${units.join(', ')}\n`);
    });

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
