/** `loom status`: the model's applications, units, machines and integrations. */
import { Option } from 'commander';
import type { Command } from 'commander';

import { connectController } from '../controller/connect.js';
import { CONTROLLER_NAME } from '../controller/controller-process.js';
import type { CliIo } from '../io.js';
import { modelOf, modelOption } from '../options/model.js';
import { statusTables } from '../output/status-tables.js';

/** Adds `status` to `program`. */
export function addStatusCommand(program: Command, io: CliIo): void {
  program
    .command('status')
    .description(
      'Show the model: applications, units (leaders marked *), machines and integrations.',
    )
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(['tabular', 'json'])
        .default('tabular'),
    )
    .addOption(modelOption())
    .addHelpText('after', '\nExamples:\n  loom status\n  loom status --format json | jq .units\n')
    .action(async (options: { format: 'tabular' | 'json'; model?: string }) => {
      const client = await connectController(io);
      const status = await client.call('status', { model: modelOf(io.env, options) });
      io.stdout(
        options.format === 'json'
          ? `${JSON.stringify(status, null, 2)}\n`
          : statusTables(status, CONTROLLER_NAME, new Date()),
      );
    });
}
