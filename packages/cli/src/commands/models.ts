/**
 * `loom models`, `loom add-model`, `loom switch` and `loom destroy-model`: the models of the
 * controller, and which one commands work on.
 */
import { Option } from 'commander';
import type { Command } from 'commander';

import { confirmDestruction } from '../confirm.js';
import { connectController } from '../controller/connect.js';
import { CONTROLLER_NAME } from '../controller/controller-process.js';
import type { CliIo } from '../io.js';
import { CliError } from '../errors.js';
import { currentModel, switchedModel, switchModel } from '../options/model.js';
import { renderTable } from '../output/table.js';

/** Adds the model commands to `program`. */
export function addModelCommands(program: Command, io: CliIo): void {
  program
    .command('models')
    .description('List the models of the controller; the current one is marked with *.')
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(['tabular', 'json'])
        .default('tabular'),
    )
    .addHelpText('after', '\nExamples:\n  loom models\n  loom models --format json\n')
    .action((options: { format: 'tabular' | 'json' }) => models(io, options.format));

  program
    .command('add-model')
    .description('Add an empty model to the controller.')
    .argument('<name>', 'the new model: lower-case letters, digits and hyphens')
    .addHelpText(
      'after',
      '\nExamples:\n  loom add-model staging\n  LOOM_MODEL=staging loom status\n',
    )
    .action(async (name: string) => {
      const client = await connectController(io);
      await client.call('add-model', { name });
      // As Juju does, the new model becomes the current one.
      await switchModel(io.env, name);
      io.stderr(`Added '${name}' model on controller "${CONTROLLER_NAME}"\n`);
    });

  program
    .command('switch')
    .description(
      'Choose the model later commands work on, or print the current one. -m and $LOOM_MODEL still win.',
    )
    .argument('[model]', 'the model to switch to')
    .addHelpText('after', '\nExamples:\n  loom switch staging\n  loom switch\n')
    .action(async (name: string | undefined) => {
      const before = currentModel(io.env);
      if (name === undefined) {
        io.stdout(`${CONTROLLER_NAME}:${before}\n`);
        return;
      }
      const client = await connectController(io);
      const { models: known } = await client.call('models', {});
      if (!known.some((model) => model.name === name))
        throw new CliError(
          'model-not-found',
          `model "${name}" not found; run "loom models" to list models, or "loom add-model ${name}" to add it`,
        );
      await switchModel(io.env, name === 'default' ? undefined : name);
      io.stderr(`${CONTROLLER_NAME}:${before} -> ${CONTROLLER_NAME}:${name}\n`);
      const overridden = io.env.LOOM_MODEL;
      if (overridden !== undefined && overridden !== '' && overridden !== name)
        io.stderr(`Note: LOOM_MODEL=${overridden} is set and still wins over the switch\n`);
    });

  program
    .command('destroy-model')
    .description('Destroy a model and everything in it. Asks first unless -y is given.')
    .argument('<name>', 'the model to destroy')
    .option('-y, --yes', 'do not ask for confirmation')
    .option('--no-prompt', 'do not ask for confirmation (as -y)')
    .addHelpText('after', '\nExamples:\n  loom destroy-model staging -y\n')
    .action(async (name: string, options: { yes?: true; prompt: boolean }) => {
      const client = await connectController(io);
      // The model must exist before the question is worth asking.
      const { models: known } = await client.call('models', {});
      if (known.some((model) => model.name === name))
        await confirmDestruction(io, {
          yes: options.yes === true || !options.prompt,
          command: `loom destroy-model ${name}`,
          what: `the "${name}" model and every application, unit and integration in it`,
        });
      await client.call('destroy-model', { name });
      if (switchedModel(io.env) === name) await switchModel(io.env, undefined);
      io.stderr(`Destroying model\nModel "${name}" destroyed\n`);
    });
}

async function models(io: CliIo, format: 'tabular' | 'json'): Promise<void> {
  const client = await connectController(io);
  const { models: listed } = await client.call('models', {});
  const current = currentModel(io.env);
  if (format === 'json') {
    io.stdout(
      `${JSON.stringify({ models: listed, 'current-model': listed.some((model) => model.name === current) ? current : null }, null, 2)}\n`,
    );
    return;
  }
  const rows = listed.map((model) => [
    model.name === current ? `${model.name}*` : model.name,
    'available',
    String(model.machines),
    String(model.applications),
    String(model.units),
    String(model.revision),
    model.createdAt,
  ]);
  io.stdout(
    `Controller: ${CONTROLLER_NAME}\n\n` +
      renderTable(['Model', 'Status', 'Machines', 'Apps', 'Units', 'Revision', 'Created'], rows, {
        alignRight: [2, 3, 4, 5],
      }),
  );
}
