/**
 * `loom wait`: until the model settles — every unit's agent has started and is idle, none is in
 * error, and no change has been committed for a quiet period — for scripts and tests that act
 * after hooks have run. On a terminal one line shows what the units are still doing.
 */
import { setTimeout as sleep } from 'node:timers/promises';

import { Option } from 'commander';
import type { Command } from 'commander';

import { connectController } from '../controller/connect.js';
import { CliError } from '../errors.js';
import type { CliIo } from '../io.js';
import { parseDuration } from '../options/duration.js';
import { modelOf, modelOption } from '../options/model.js';
import { unsettledUnits, waitProgressLine } from '../output/wait-progress.js';

const POLL_MS = 100;
/** Clears the terminal's current line and returns to its start. */
const CLEAR_LINE = '\r\u001b[K';

/** Adds `wait` to `program`. */
export function addWaitCommand(program: Command, io: CliIo): void {
  program
    .command('wait')
    .description(
      'Wait until the model has settled: every agent started and idle, none in error, nothing committed for the quiet period. Exits 1 if a unit is in error.',
    )
    .addOption(
      new Option('--timeout <duration>', 'give up after this long')
        .default(300_000, '5m')
        .argParser(parseDuration),
    )
    .addOption(
      new Option('--quiet <duration>', 'how long the model must stay unchanged')
        .default(2_000, '2s')
        .argParser(parseDuration),
    )
    .addOption(modelOption())
    .addHelpText(
      'after',
      '\nExamples:\n  loom deploy ./my-charm && loom wait && loom status\n  loom wait --timeout 10m -m staging\n',
    )
    .action(async (options: { timeout: number; quiet: number; model?: string }) => {
      const client = await connectController(io);
      const model = modelOf(io.env, options);
      const deadline = Date.now() + options.timeout;
      const progress = io.isTerminal
        ? (line: string) => {
            io.stderr(`${CLEAR_LINE}${line}`);
          }
        : undefined;
      let revision = -1;
      let since = Date.now();
      try {
        for (;;) {
          const status = await client.call('status', { model });
          if (status.model.revision !== revision) {
            revision = status.model.revision;
            since = Date.now();
          }
          const failed = status.units.filter((unit) => unit.agentStatus.current === 'error');
          if (failed.length > 0)
            throw new CliError(
              'unit-in-error',
              `${failed.map((unit) => `${unit.name}: ${unit.agentStatus.message}`).join('; ')}; see "loom debug-log", fix the charm or its config, then "loom resolve <unit>"`,
            );
          const unsettled = unsettledUnits(status);
          if (unsettled.busy.length === 0 && Date.now() - since >= options.quiet) return;
          if (Date.now() > deadline)
            throw new CliError(
              'timeout',
              `model "${model}" did not settle within ${options.timeout} ms${unsettled.busy.length > 0 ? `; still busy: ${unsettled.busy.join(', ')}` : ''}`,
            );
          progress?.(
            waitProgressLine(model, unsettled, io.columns ?? (Number(io.env.COLUMNS) || 80)),
          );
          await sleep(POLL_MS);
        }
      } finally {
        progress?.('');
      }
    });
}
