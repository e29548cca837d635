/**
 * `loom charm ...`: commands that work on a charm directory without a controller.
 */
import { Option } from 'commander';
import type { Command } from 'commander';

import type { CliIo } from '../io.js';
import { CHARM_CHECK_FORMATS, charmCheck } from './charm-check.js';
import type { CharmCheckOptions } from './charm-check.js';

/** Adds `charm` and its subcommands to `program`; `setExit` receives each action's exit code. */
export function addCharmCommands(
  program: Command,
  io: CliIo,
  setExit: (code: number) => void,
): void {
  const charm = program
    .command('charm')
    .description('Work with charm directories: check their metadata.')
    .addHelpText('after', '\nExamples:\n  loom charm check ./my-charm\n');

  charm
    .command('check')
    .description(
      'Load charms as Juju would and show their endpoints, or every problem with file:line:column and a fix. Exits 1 if any charm is invalid.',
    )
    .argument('<dir...>', 'charm directories (holding metadata.yaml or charmcraft.yaml)')
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(CHARM_CHECK_FORMATS)
        .default('tabular'),
    )
    .option('--summary', 'one row per charm instead of each endpoint table')
    .addHelpText(
      'after',
      '\nExamples:\n  loom charm check ./my-charm\n  loom charm check --summary charms/*\n  loom charm check --format json ./my-charm | jq .charms[0].metadata.endpoints\n',
    )
    .action(async (directories: string[], options: CharmCheckOptions) => {
      setExit(await charmCheck(directories, options, io));
    });
}
