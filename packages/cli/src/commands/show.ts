/** `loom show-unit`: a unit and the data of its relations, as `juju show-unit` shows them. */
import { Option } from 'commander';
import type { Command } from 'commander';
import { stringify } from 'yaml';

import { connectController } from '../controller/connect.js';
import type { CliIo } from '../io.js';
import { modelOf, modelOption } from '../options/model.js';
import { jujuShowUnit } from '../output/juju-show-unit.js';

interface ShowUnitFlags {
  readonly format: 'yaml' | 'json';
  readonly endpoint?: string;
  readonly relatedUnit?: string;
  readonly app?: boolean;
  readonly model?: string;
}

/** Adds `show-unit` to `program`. */
export function addShowCommands(program: Command, io: CliIo): void {
  program
    .command('show-unit')
    .description(
      "Show units with their relations' data: the related application's, the unit's own and each related unit's, as hooks see them.",
    )
    .argument('<units...>', 'the units, e.g. db/0')
    .addOption(
      new Option('--format <format>', 'output format').choices(['yaml', 'json']).default('yaml'),
    )
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
      io.stdout(flags.format === 'json' ? `${JSON.stringify(shown)}\n` : stringify(shown));
    });
}
