/** `loom config`: an application's settings, shown or changed, as `juju config` does. */
import type { Command } from 'commander';

import type { ApiClient } from '@loom/protocol';

import { connectController } from '../controller/connect.js';
import { CliError, UsageError } from '../errors.js';
import type { CliIo } from '../io.js';
import { formatData, formatOption } from '../options/format.js';
import type { DataFormat } from '../options/format.js';
import { modelOf, modelOption } from '../options/model.js';
import { configSettings } from '../options/settings.js';

/** Adds `config` to `program`. */
export function addConfigCommand(program: Command, io: CliIo): void {
  program
    .command('config')
    .description(
      "Show an application's settings (all, or one key's value), or set them with key=value (key= resets to the default).",
    )
    .argument('<application>', 'the application')
    .argument('[settings...]', 'a key to show, or key=value pairs to set')
    .option('--reset <keys>', 'comma-separated keys to reset to their defaults', commaList)
    .addOption(formatOption(['yaml', 'json']))
    .addOption(modelOption())
    .addHelpText(
      'after',
      '\nExamples:\n  loom config db\n  loom config db --format json\n  loom config db port\n  loom config db port=5433 debug=true\n  loom config db --reset port,debug\n',
    )
    .action(
      async (
        application: string,
        settings: string[],
        options: { model?: string; reset?: string[]; format: DataFormat },
      ) => {
        const client = await connectController(io);
        const model = modelOf(io.env, options);
        const reset = options.reset ?? [];
        if (reset.length > 0 || settings.some((setting) => setting.includes('='))) {
          if (settings.some((setting) => !setting.includes('=')))
            throw new UsageError(
              'cannot show a key and change settings in one command; run "loom config <application> <key>" on its own',
            );
          const changes = {
            ...configSettings(settings),
            ...Object.fromEntries(reset.map((key) => [key, null])),
          };
          await client.call('configure', { model, application, settings: changes });
          return;
        }
        await showConfig(io, client, { model, application, format: options.format }, settings[0]);
      },
    );
}

function commaList(value: string, previous: string[] = []): string[] {
  return [...previous, ...value.split(',').filter((key) => key !== '')];
}

async function showConfig(
  io: CliIo,
  client: ApiClient,
  { model, application, format }: { model: string; application: string; format: DataFormat },
  key: string | undefined,
): Promise<void> {
  const config = await client.call('config', { model, application });
  if (key === undefined) {
    io.stdout(formatData(format, config, { sortKeys: true }));
    return;
  }
  const option = config.settings[key];
  if (option === undefined)
    throw new CliError(
      'not-found',
      `key "${key}" not found in "${application}" application config; run "loom config ${application}" to list its keys`,
    );
  io.stdout(
    format === 'json'
      ? formatData(format, option.value ?? null)
      : `${String(option.value ?? '')}\n`,
  );
}
