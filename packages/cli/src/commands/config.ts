/** `loom config`: an application's settings, shown or changed, as `juju config` does. */
import type { Command } from 'commander';
import { stringify } from 'yaml';

import { connectController } from '../controller/connect.js';
import { CliError } from '../errors.js';
import type { CliIo } from '../io.js';
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
    .addOption(modelOption())
    .addHelpText(
      'after',
      '\nExamples:\n  loom config db\n  loom config db port\n  loom config db port=5433 debug=true\n',
    )
    .action(async (application: string, settings: string[], options: { model?: string }) => {
      const client = await connectController(io);
      const model = modelOf(io.env, options);
      if (settings.some((setting) => setting.includes('='))) {
        await client.call('configure', { model, application, settings: configSettings(settings) });
        return;
      }
      const config = await client.call('config', { model, application });
      const [key] = settings;
      if (key === undefined) {
        io.stdout(stringify(config, { sortMapEntries: true, lineWidth: 0 }));
        return;
      }
      const option = config.settings[key];
      if (option === undefined)
        throw new CliError(
          'not-found',
          `key "${key}" not found in "${application}" application config; run "loom config ${application}" to list its keys`,
        );
      io.stdout(`${String(option.value ?? '')}\n`);
    });
}
