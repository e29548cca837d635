/**
 * `loom deploy`: a charm (directory or packed `.charm` archive) as one application, or a bundle
 * (a `.yaml` file, or a directory holding `bundle.yaml`) as many, in one transaction.
 */
import { stat } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';

import type { Command } from 'commander';

import { readBundleFile } from '../bundle/read-bundle-file.js';
import { readCharmToDeploy } from '../charm/read-charm.js';
import { connectController } from '../controller/connect.js';
import { CliError, UsageError } from '../errors.js';
import type { CliIo } from '../io.js';
import { parseCount } from '../options/count.js';
import { modelOf, modelOption } from '../options/model.js';
import { parsePlacementOption } from '../options/placement.js';
import { deployConfig } from '../options/settings.js';
import { bundleChangeLines, locatedCharms } from '../output/bundle-changes.js';
import { formatProblem } from '@loom/core';

interface DeployOptions {
  readonly numUnits: number;
  readonly config: string[];
  readonly to?: string[];
  readonly dryRun?: boolean;
  readonly model?: string;
}

/** Adds `deploy` to `program`. */
export function addDeployCommand(program: Command, io: CliIo): void {
  program
    .command('deploy')
    .description(
      'Deploy a charm as an application, or a bundle of applications and their relations. Each unit gets a machine and an agent that runs its hooks.',
    )
    .argument(
      '<charm-or-bundle>',
      'a charm directory, a packed .charm archive, or a bundle (.yaml file or a directory holding bundle.yaml)',
    )
    .argument('[application]', "the application's name (default: the charm's name)")
    .option('-n, --num-units <n>', 'how many units', parseCount, 1)
    .option(
      '--config <key=value|file...>',
      'initial settings: key=value, or a YAML file of settings per application',
      [],
    )
    .option(
      '--to <machines>',
      'existing machines for the first units, comma-separated (others get new machines)',
      parsePlacementOption,
    )
    .option('--dry-run', "show a bundle's changes without making them")
    .addOption(modelOption())
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  loom deploy ./my-charm',
        '  loom deploy ./postgresql db -n 3 --config port=5433',
        '  loom deploy ./my-charm_ubuntu-22.04-amd64.charm app --to 0',
        '  loom deploy ./bundle.yaml --dry-run',
        '',
      ].join('\n'),
    )
    .action(
      async (path: string, name: string | undefined, options: DeployOptions, command: Command) => {
        const bundle = await bundlePath(io.cwd, path);
        if (bundle === undefined) {
          if (options.dryRun === true)
            throw new UsageError(
              '--dry-run applies to bundles; deploy the charm, or give a bundle',
            );
          await deployCharm(io, path, name, options);
          return;
        }
        const charmOnly = ['numUnits', 'config', 'to'].filter(
          (option) => command.getOptionValueSource(option) === 'cli',
        );
        if (name !== undefined || charmOnly.length > 0) {
          throw new UsageError(
            `an application name, -n, --config and --to apply to a charm, not a bundle: set them in "${path}"`,
          );
        }
        await deployBundle(io, bundle, options);
      },
    );
}

/** The bundle file `path` names, or undefined when it names a charm. */
async function bundlePath(cwd: string, path: string): Promise<string | undefined> {
  const info = await stat(resolve(cwd, path)).catch(() => undefined);
  if (info === undefined) {
    throw new CliError(
      'charm-not-found',
      `"${path}" does not exist; give a charm directory, a .charm archive or a bundle.yaml`,
    );
  }
  if (info.isFile()) return ['.yaml', '.yml'].includes(extname(path)) ? path : undefined;
  const isCharm = async (file: string) =>
    (await stat(resolve(cwd, path, file)).catch(() => undefined)) !== undefined;
  if ((await isCharm('metadata.yaml')) || (await isCharm('charmcraft.yaml'))) return undefined;
  return (await isCharm('bundle.yaml')) ? join(path, 'bundle.yaml') : undefined;
}

async function deployCharm(
  io: CliIo,
  path: string,
  name: string | undefined,
  options: DeployOptions,
): Promise<void> {
  const charm = await readCharmToDeploy(io.cwd, path);
  const application = name ?? charm.metadata.name;
  const config = await deployConfig(io.cwd, options.config, application);
  const client = await connectController(io);
  const deployed = await client.call('deploy', {
    model: modelOf(io.env, options),
    application,
    charm: { files: charm.files },
    numUnits: options.numUnits,
    ...(Object.keys(config).length === 0 ? {} : { config }),
    ...(options.to === undefined ? {} : { to: options.to }),
  });
  const revision = /-(\d+)$/.exec(deployed.charmUrl)?.[1] ?? '0';
  io.stderr(
    `Deploying "${application}" from local charm "${charm.metadata.name}", revision ${revision}\n`,
  );
}

async function deployBundle(io: CliIo, path: string, options: DeployOptions): Promise<void> {
  const { bundle, charms, warnings } = await readBundleFile(io.cwd, path);
  for (const warning of warnings) io.stderr(`WARNING ${formatProblem(warning)}\n`);
  const client = await connectController(io);
  const reply = await client.call('deploy-bundle', {
    model: modelOf(io.env, options),
    bundle,
    charms,
    ...(options.dryRun === true ? { dryRun: true } : {}),
  });
  const changes = bundleChangeLines(reply.steps);
  if (reply.dryRun) {
    io.stdout(['Changes to deploy bundle:', ...changes, ''].join('\n'));
    return;
  }
  io.stderr(
    [
      ...locatedCharms(reply.steps),
      'Executing changes:',
      ...changes,
      'Deploy of bundle completed.',
      '',
    ].join('\n'),
  );
}
