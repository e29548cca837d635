/** `loom integrate` and `loom remove-relation`, with Juju's endpoint forms (`app` or `app:endpoint`). */
import type { Command } from 'commander';

import { ProtocolError } from '@loom/protocol';

import { connectController } from '../controller/connect.js';
import { CliError, UsageError } from '../errors.js';
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
    .argument('<a>', 'application[:endpoint], or an offer URL')
    .argument('[b]', 'application[:endpoint], or an offer URL')
    .option('--via <cidrs>', 'egress subnets of a cross-model relation, comma separated')
    .addOption(modelOption())
    .addHelpText(
      'after',
      '\nExamples:\n  loom integrate app db\n  loom integrate app:database db:primary\n  loom integrate app admin/prod.pgsql --via 10.0.0.0/24\n',
    )
    .action(async (a: string, b: string | undefined, options: { model?: string; via?: string }) => {
      // S28: Juju's words for a single side, as a usage error.
      if (b === undefined) throw new UsageError('an integration must involve two applications');
      const client = await connectController(io);
      const via = options.via
        ?.split(',')
        .map((cidr) => cidr.trim())
        .filter((cidr) => cidr !== '');
      try {
        await client.call('integrate', {
          model: modelOf(io.env, options),
          endpoints: [a, b],
          ...(via === undefined ? {} : { via }),
        });
      } catch (error) {
        // S26: Juju points at the integrations it already has.
        if (error instanceof ProtocolError && error.code === 'already-exists')
          throw new CliError(
            'already-exists',
            `${error.message}\n\nUse 'loom status --integrations' to view the current integrations.`,
          );
        throw error;
      }
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
