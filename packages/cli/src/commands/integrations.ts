/** `loom integrate` and `loom remove-relation`, with Juju's endpoint forms (`app` or `app:endpoint`). */
import type { Command } from 'commander';

import { connectController } from '../controller/connect.js';
import type { CliIo } from '../io.js';
import { modelOf, modelOption } from '../options/model.js';

/** Adds the integration commands to `program`. */
export function addIntegrationCommands(program: Command, io: CliIo): void {
  program
    .command('integrate')
    .alias('relate')
    .description(
      'Integrate two applications: each side names an application, or application:endpoint when more than one endpoint fits.',
    )
    .argument('<a>', 'application[:endpoint]')
    .argument('<b>', 'application[:endpoint]')
    .addOption(modelOption())
    .addHelpText(
      'after',
      '\nExamples:\n  loom integrate app db\n  loom integrate app:database db:primary\n',
    )
    .action(async (a: string, b: string, options: { model?: string }) => {
      const client = await connectController(io);
      await client.call('integrate', { model: modelOf(io.env, options), endpoints: [a, b] });
    });

  program
    .command('remove-relation')
    .description('Remove an integration, named by its two sides or by its id.')
    .argument('<a-or-id>', 'application[:endpoint], or the relation id')
    .argument('[b]', 'application[:endpoint]')
    .addOption(modelOption())
    .addHelpText('after', '\nExamples:\n  loom remove-relation app db\n  loom remove-relation 3\n')
    .action(async (a: string, b: string | undefined, options: { model?: string }) => {
      const client = await connectController(io);
      const model = modelOf(io.env, options);
      if (b === undefined && /^\d+$/.test(a))
        await client.call('remove-relation', { model, relationId: Number(a) });
      else await client.call('remove-relation', { model, endpoints: [a, b ?? ''] });
    });
}
