/**
 * Cross-model relations (spec §8) with Juju's words: `offer`, `offers`, `find-offers`,
 * `show-offer`, `remove-offer`, `consume`, `remove-saas`, `suspend-relation` and
 * `resume-relation`. `integrate` takes an offer URL too (commands/integrations.ts).
 */
import { Option } from 'commander';
import type { Command } from 'commander';

import type { OfferDocument } from '@loom/protocol';

import { connectController } from '../controller/connect.js';
import { CONTROLLER_NAME } from '../controller/controller-process.js';
import { UsageError } from '../errors.js';
import type { CliIo } from '../io.js';
import { formatData } from '../options/format.js';
import { modelOf, modelOption } from '../options/model.js';
import { renderTable } from '../output/table.js';

type Listing = 'tabular' | 'yaml' | 'json';

const listingOption = () =>
  new Option('--format <format>', 'output format')
    .choices(['tabular', 'yaml', 'json'])
    .default('tabular');

/** Adds the cross-model commands to `program`. */
export function addCrossModelCommands(program: Command, io: CliIo): void {
  program
    .command('offer')
    .description(
      "Offer some of an application's endpoints to other models, under an offer name (default: the application's).",
    )
    .argument('[endpoints]', '[<model>.]<application>:<endpoint>[,<endpoint>...]')
    .argument('[offer-name]', 'the name of the offer')
    .addOption(modelOption())
    .addHelpText(
      'after',
      '\nExamples:\n  loom offer db:database pgsql\n  loom offer prod.db:database,replicas\n',
    )
    .action(
      async (spec: string | undefined, name: string | undefined, options: { model?: string }) => {
        if (spec === undefined)
          throw new UsageError('an offer must at least specify application endpoint');
        const parsed = parseOfferSpec(spec);
        const model = parsed.model ?? modelOf(io.env, options);
        const client = await connectController(io);
        const made = await client.call('offer', {
          model,
          application: parsed.application,
          endpoints: [...parsed.endpoints],
          ...(name === undefined ? {} : { name }),
        });
        io.stdout(
          `Application "${made.application}" endpoints [${made.endpoints.map((e) => e.name).join(' ')}] available at "${made.url}"\n`,
        );
      },
    );

  program
    .command('offers')
    .description("List a model's offers and the relations connected through them.")
    .argument('[offer-name]', 'only this offer')
    .addOption(modelOption())
    .addOption(listingOption())
    .addHelpText('after', '\nExamples:\n  loom offers\n  loom offers pgsql --format yaml\n')
    .action(async (name: string | undefined, options: { model?: string; format: Listing }) => {
      const client = await connectController(io);
      const { offers } = await client.call('offers', {
        model: modelOf(io.env, options),
        ...(name === undefined ? {} : { name }),
      });
      if (options.format !== 'tabular') {
        io.stdout(formatData(options.format, offersDocument(offers)));
        return;
      }
      if (offers.length === 0) {
        io.stdout('No offers to display.\n');
        return;
      }
      io.stdout(
        renderTable(
          [
            'Offer',
            'User',
            'Relation ID',
            'Status',
            'Endpoint',
            'Interface',
            'Role',
            'Ingress subnets',
          ],
          offers.flatMap((offered) => {
            if (offered.connections.length === 0)
              return [[offered.name, '-', '', '', '', '', '', '']];
            return offered.connections.map((connection) => {
              const endpoint = offered.endpoints.find((e) => e.name === connection.endpoint);
              return [
                offered.name,
                connection.user,
                String(connection.relationId),
                connection.status,
                connection.endpoint,
                endpoint?.interface ?? '',
                endpoint?.role ?? '',
                '',
              ];
            });
          }),
        ),
      );
    });

  program
    .command('find-offers')
    .description('Find the offers of every model of the controller that you may consume.')
    .option('--url <url>', 'only offers whose URL contains this text')
    .option('--interface <interface>', 'only offers with an endpoint of this interface')
    .addOption(listingOption())
    .addHelpText('after', '\nExamples:\n  loom find-offers\n  loom find-offers --interface pgsql\n')
    .action(async (options: { url?: string; interface?: string; format: Listing }) => {
      const client = await connectController(io);
      const { offers } = await client.call('offers', {});
      const found = offers.filter(
        (offered) =>
          (options.url === undefined || offered.url.includes(options.url)) &&
          (options.interface === undefined ||
            offered.endpoints.some((endpoint) => endpoint.interface === options.interface)),
      );
      if (options.format !== 'tabular') {
        io.stdout(formatData(options.format, offersDocument(found, true)));
        return;
      }
      if (found.length === 0) {
        io.stdout('No offers to display.\n');
        return;
      }
      io.stdout(
        renderTable(
          ['Store', 'URL', 'Access', 'Interfaces'],
          found.map((offered) => [
            CONTROLLER_NAME,
            offered.url,
            'admin',
            offered.endpoints.map((e) => `${e.interface}:${e.name}`).join(', '),
          ]),
        ),
      );
    });

  program
    .command('show-offer')
    .description('Show an offer: its endpoints and where it is.')
    .argument('<offer-url>', '[<user>/]<model>.<offer-name>, or an offer name of the model')
    .addOption(modelOption())
    .addOption(listingOption())
    .addHelpText('after', '\nExamples:\n  loom show-offer admin/prod.pgsql\n')
    .action(async (url: string, options: { model?: string; format: Listing }) => {
      const client = await connectController(io);
      const offered = await client.call('show-offer', { model: modelOf(io.env, options), url });
      if (options.format !== 'tabular') {
        io.stdout(formatData(options.format, offersDocument([offered], true)));
        return;
      }
      io.stdout(
        renderTable(
          ['Store', 'URL', 'Access', 'Description', 'Endpoint', 'Interface', 'Role'],
          offered.endpoints.map((endpoint, index) =>
            index === 0
              ? [
                  CONTROLLER_NAME,
                  offered.url,
                  'admin',
                  '',
                  endpoint.name,
                  endpoint.interface,
                  endpoint.role,
                ]
              : ['', '', '', '', endpoint.name, endpoint.interface, endpoint.role],
          ),
        ),
      );
    });

  program
    .command('remove-offer')
    .description('Remove an offer. One with relations needs --force, which removes them too.')
    .argument('<offer>', '[<user>/]<model>.<offer-name>, or an offer name of the model')
    .option('--force', 'remove the offer and every relation connected through it')
    .addOption(modelOption())
    .addHelpText(
      'after',
      '\nExamples:\n  loom remove-offer admin/prod.pgsql\n  loom remove-offer pgsql --force\n',
    )
    .action(async (url: string, options: { model?: string; force?: boolean }) => {
      const client = await connectController(io);
      await client.call('remove-offer', {
        model: modelOf(io.env, options),
        url,
        ...(options.force === true ? { force: true } : {}),
      });
    });

  program
    .command('consume')
    .description("Add a SAAS: a remote application standing for another model's offer.")
    .argument('<offer-url>', '[<user>/]<model>.<offer-name>')
    .argument('[local-name]', 'the SAAS name (default: the offer name)')
    .addOption(modelOption())
    .addHelpText(
      'after',
      '\nExamples:\n  loom consume admin/prod.pgsql\n  loom consume prod.pgsql db\n',
    )
    .action(async (url: string, name: string | undefined, options: { model?: string }) => {
      const client = await connectController(io);
      const { saas } = await client.call('consume', {
        model: modelOf(io.env, options),
        url,
        ...(name === undefined ? {} : { name }),
      });
      io.stdout(`Added ${url} as ${saas}\n`);
    });

  program
    .command('remove-saas')
    .description('Remove SAAS from the model, with their relations.')
    .argument('<saas-name...>', 'the SAAS to remove')
    .addOption(modelOption())
    .addHelpText('after', '\nExamples:\n  loom remove-saas pgsql\n')
    .action(async (names: string[], options: { model?: string }) => {
      const client = await connectController(io);
      const model = modelOf(io.env, options);
      for (const name of names) await client.call('remove-saas', { model, name });
    });

  program
    .command('suspend-relation')
    .description(
      'Suspend relations connected through an offer: their units depart, the relation stays.',
    )
    .argument('<relation-ids>', 'relation ids, comma separated')
    .argument('[message]', 'why, shown by status')
    .addOption(modelOption())
    .addHelpText(
      'after',
      '\nExamples:\n  loom suspend-relation 2\n  loom suspend-relation 2,3 "maintenance"\n',
    )
    .action(async (ids: string, message: string | undefined, options: { model?: string }) => {
      const client = await connectController(io);
      await client.call('suspend-relation', {
        model: modelOf(io.env, options),
        relationIds: relationIds(ids),
        ...(message === undefined ? {} : { message }),
      });
    });

  program
    .command('resume-relation')
    .description('Resume suspended relations: their units enter again.')
    .argument('<relation-ids>', 'relation ids, comma separated')
    .addOption(modelOption())
    .addHelpText('after', '\nExamples:\n  loom resume-relation 2\n')
    .action(async (ids: string, options: { model?: string }) => {
      const client = await connectController(io);
      await client.call('resume-relation', {
        model: modelOf(io.env, options),
        relationIds: relationIds(ids),
      });
    });
}

/** `[<model>.]<application>:<endpoint>[,<endpoint>...]` (R8.1). */
export function parseOfferSpec(spec: string): {
  readonly model?: string;
  readonly application: string;
  readonly endpoints: readonly string[];
} {
  const match =
    /^(?:([a-z0-9][a-z0-9-]*)\.)?([a-z][a-z0-9-]*):([a-z][a-z0-9-]*(?:,[a-z][a-z0-9-]*)*)$/.exec(
      spec,
    );
  if (match === null)
    throw new UsageError(
      `endpoints must conform to format "<application-name>:<endpoint-name>[,...]", got "${spec}"`,
    );
  const [, model, application = '', endpoints = ''] = match;
  return {
    ...(model === undefined ? {} : { model }),
    application,
    endpoints: endpoints.split(','),
  };
}

function relationIds(text: string): number[] {
  return text.split(',').map((part) => {
    if (!/^\d+$/.test(part.trim()))
      throw new UsageError(`invalid relation id "${part}": expected numbers such as "2" or "2,3"`);
    return Number(part.trim());
  });
}

/** Offers keyed by name (or by URL across models), as Juju's YAML and JSON show them. */
function offersDocument(offers: readonly OfferDocument[], byUrl = false): Record<string, unknown> {
  return Object.fromEntries(
    offers.map((offered) => [
      byUrl ? offered.url : offered.name,
      {
        'offer-url': offered.url,
        application: offered.application,
        charm: `local:${offered.charm}-${offered.charmRevision}`,
        endpoints: Object.fromEntries(
          offered.endpoints.map((e) => [e.name, { interface: e.interface, role: e.role }]),
        ),
        connections: offered.connections.map((connection) => ({
          'source-model': connection.sourceModel,
          username: connection.user,
          'relation-id': connection.relationId,
          endpoint: connection.endpoint,
          status: {
            current: connection.status,
            ...(connection.suspendedReason === '' ? {} : { message: connection.suspendedReason }),
          },
        })),
      },
    ]),
  );
}
