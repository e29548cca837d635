/**
 * `loom show-unit` and `loom show-application`: a unit and the data of its relations, or an
 * application, as Juju's commands of the same names show them.
 */
import type { Command } from 'commander';

import { connectController } from '../controller/connect.js';
import type { CliIo } from '../io.js';
import { formatData, formatOption } from '../options/format.js';
import type { DataFormat } from '../options/format.js';
import { modelOf, modelOption } from '../options/model.js';
import { CliError } from '../errors.js';
import { jujuShowApplication } from '../output/juju-show-application.js';
import { jujuShowUnit } from '../output/juju-show-unit.js';

interface ShowUnitFlags {
  readonly format: DataFormat;
  readonly endpoint?: string;
  readonly relatedUnit?: string;
  readonly app?: boolean;
  readonly model?: string;
}

/** Adds `show-unit` and `show-application` to `program`. */
export function addShowCommands(program: Command, io: CliIo): void {
  program
    .command('show-unit')
    .description(
      "Show units with their relations' data: the related application's, the unit's own and each related unit's, as hooks see them.",
    )
    .argument('<units...>', 'the units, e.g. db/0')
    .addOption(formatOption(['yaml', 'json']))
    .option('--endpoint <endpoint>', "only this endpoint's relations")
    .option('--related-unit <unit>', "only this related unit's data")
    .option('--app', 'only the application data')
    .addOption(modelOption())
    .addHelpText(
      'after',
      '\nExamples:\n  loom show-unit db/0\n  loom show-unit app/0 --endpoint database --format json\n',
    )
    .action(async (units: string[], flags: ShowUnitFlags) => {
      const client = await connectController(io);
      const model = modelOf(io.env, flags);
      let shown = {};
      for (const unit of units) {
        const document = await client.call('show-unit', { model, unit });
        shown = {
          ...shown,
          ...jujuShowUnit(document, {
            ...(flags.endpoint === undefined ? {} : { endpoint: flags.endpoint }),
            ...(flags.relatedUnit === undefined ? {} : { relatedUnit: flags.relatedUnit }),
            ...(flags.app === true ? { app: true } : {}),
          }),
        };
      }
      io.stdout(formatData(flags.format, shown));
    });

  program
    .command('show-application')
    .description('Show applications: charm, principal or subordinate, life and endpoint bindings.')
    .argument('<applications...>', 'the applications, e.g. db')
    .addOption(formatOption(['yaml', 'json']))
    .addOption(modelOption())
    .addHelpText(
      'after',
      '\nExamples:\n  loom show-application db\n  loom show-application db app --format json\n',
    )
    .action(async (names: string[], flags: { format: DataFormat; model?: string }) => {
      const client = await connectController(io);
      const status = await client.call('status', { model: modelOf(io.env, flags) });
      let shown = {};
      for (const name of names) {
        const application = status.applications.find((candidate) => candidate.name === name);
        const saas = status.saas.find((candidate) => candidate.name === name);
        if (application === undefined && saas !== undefined)
          throw new CliError(
            'not-found',
            `application "${name}" is a SAAS consumed from ${saas.url}; see it with "loom show-offer ${saas.url}"`,
          );
        if (application === undefined)
          throw new CliError(
            'not-found',
            `application "${name}" not found; run "loom status" to list applications`,
          );
        shown = { ...shown, ...jujuShowApplication(application) };
      }
      io.stdout(formatData(flags.format, shown));
    });
}
