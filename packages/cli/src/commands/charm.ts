/**
 * `loom charm ...`: commands that work on a charm directory without a controller.
 */
import { Option } from 'commander';
import type { Command } from 'commander';

import type { CliIo } from '../io.js';
import { charmBuild } from './charm-build.js';
import type { CharmBuildOptions } from './charm-build.js';
import { CHARM_CHECK_FORMATS, charmCheck } from './charm-check.js';
import type { CharmCheckOptions } from './charm-check.js';
import { charmInit } from './charm-init.js';
import type { CharmInitOptions } from './charm-init.js';
import { charmPack } from './charm-pack.js';
import type { CharmPackOptions } from './charm-pack.js';

/** Adds `charm` and its subcommands to `program`; `setExit` receives each action's exit code. */
export function addCharmCommands(
  program: Command,
  io: CliIo,
  setExit: (code: number) => void,
): void {
  const charm = program
    .command('charm')
    .description(
      'Work with charm directories: check their metadata; create, build and pack TypeScript charms.',
    )
    .addHelpText(
      'after',
      '\nExamples:\n  loom charm check ./my-charm\n  loom charm init my-charm\n  loom charm pack ./my-charm\n',
    );

  charm
    .command('init')
    .description(
      'Create a TypeScript charm written with @loom/ops: metadata, src/charm.ts, src/main.ts, a test and dispatch. Refuses a directory that is not empty.',
    )
    .argument('[dir]', 'a new or empty directory', '.')
    .option('--name <name>', "the charm's name (default: the directory's)")
    .addHelpText(
      'after',
      '\nExamples:\n  loom charm init my-charm\n  loom charm init --name web-frontend ./charms/frontend\n',
    )
    .action(async (directory: string, options: CharmInitOptions) => {
      await charmInit(directory, options, io);
    });

  charm
    .command('build')
    .description(
      "Bundle a TypeScript charm's src/main.ts (or src/charm.ts) with @loom/ops into dist/charm.mjs, which dispatch runs with node; writes dispatch if the charm has none.",
    )
    .argument('[dir]', 'the charm directory', '.')
    .option('--tests', 'also bundle src/**/*.test.ts into build/tests/ for node --test')
    .addHelpText(
      'after',
      '\nExamples:\n  loom charm build ./my-charm\n  loom charm build --tests . && node --test build/tests/\n',
    )
    .action(async (directory: string, options: CharmBuildOptions) => {
      await charmBuild(directory, options, io);
    });

  charm
    .command('pack')
    .description(
      "Build a TypeScript charm and write it as a .charm archive laid out as charmcraft's, for loom deploy (or Juju where node is installed).",
    )
    .argument('[dir]', 'the charm directory', '.')
    .option('-o, --output <file>', 'where to write it (default: <name>_ubuntu-22.04-amd64.charm)')
    .addHelpText(
      'after',
      '\nExamples:\n  loom charm pack ./my-charm\n  loom charm pack -o /tmp/my-charm.charm . && loom deploy /tmp/my-charm.charm\n',
    )
    .action(async (directory: string, options: CharmPackOptions) => {
      await charmPack(directory, options, io);
    });

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
