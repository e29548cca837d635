/** `loom status`: the model's applications, units, machines and integrations. */
import { setTimeout as sleep } from 'node:timers/promises';

import { Option } from 'commander';
import type { Command } from 'commander';
import { stringify } from 'yaml';

import type { StatusDocument } from '@loom/protocol';

import { connectController } from '../controller/connect.js';
import { CONTROLLER_NAME } from '../controller/controller-process.js';
import type { CliIo } from '../io.js';
import { parseDuration } from '../options/duration.js';
import { modelOf, modelOption } from '../options/model.js';
import { useColour } from '../output/colour.js';
import { jujuStatus } from '../output/juju-status.js';
import { filterStatus } from '../output/status-filter.js';
import { statusTables } from '../output/status-tables.js';

interface StatusOptions {
  readonly format: 'tabular' | 'json' | 'yaml';
  readonly relations?: boolean;
  readonly integrations?: boolean;
  readonly watch?: number;
  readonly model?: string;
}

/** Adds `status` to `program`. */
export function addStatusCommand(program: Command, io: CliIo): void {
  program
    .command('status')
    .description(
      'Show the model: applications, units (leaders marked *), machines and, with --relations, integrations. Selectors (application or unit names, * wildcards) narrow it down.',
    )
    .argument('[selectors...]', 'applications or units to show, e.g. db or db/0 or "web*"')
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(['tabular', 'json', 'yaml'])
        .default('tabular'),
    )
    .option('--relations', "show the 'Integration' table")
    .option('--integrations', 'same as --relations')
    .addOption(
      new Option('--watch <interval>', 'show it again every interval, until interrupted').argParser(
        parseDuration,
      ),
    )
    .addOption(modelOption())
    .addHelpText(
      'after',
      "\nExamples:\n  loom status\n  loom status --relations db\n  loom status --format json | jq '.applications.db.units'\n  loom status --watch 2s\n",
    )
    .action(async (selectors: string[], options: StatusOptions) => {
      const client = await connectController(io);
      const model = modelOf(io.env, options);
      const render = (status: StatusDocument) =>
        formatStatus(filterStatus(status, selectors), options, new Date(), useColour(io));
      if (options.watch === undefined) {
        io.stdout(render(await client.call('status', { model })));
        return;
      }
      for (;;) {
        const shown = render(await client.call('status', { model }));
        // Clear the screen on a terminal, as `juju status --watch` does; else one after another.
        io.stdout(io.isTerminal ? `\u001b[H\u001b[2J${shown}` : `${shown}\n`);
        await sleep(options.watch);
      }
    });
}

function formatStatus(
  status: StatusDocument,
  options: StatusOptions,
  now: Date,
  colour: boolean,
): string {
  switch (options.format) {
    case 'json':
      return `${JSON.stringify(jujuStatus(status, CONTROLLER_NAME, now))}\n`;
    case 'yaml':
      return stringify(jujuStatus(status, CONTROLLER_NAME, now));
    case 'tabular':
      return statusTables(status, CONTROLLER_NAME, now, {
        relations: options.relations === true || options.integrations === true,
        colour,
      });
  }
}
