/**
 * `loom debug-log`: the model's log as Juju prints it (`unit-db-0: 14:10:22 INFO unit.db/0.install
 * message`), the last lines then following new ones, filtered by unit, application and level.
 */
import { Option } from 'commander';
import type { Command } from 'commander';

import { LOG_LEVELS } from '@loom/protocol';
import type { LogRecordDocument } from '@loom/protocol';

import { connectController } from '../controller/connect.js';
import type { CliIo } from '../io.js';
import { parseCount } from '../options/count.js';
import { formatOption } from '../options/format.js';
import { modelOf, modelOption } from '../options/model.js';
import { unitTag } from '../output/unit-tag.js';

/** One record as a line. */
export function logLine(record: LogRecordDocument): string {
  return `${unitTag(record.unit)}: ${record.time.slice(11, 19)} ${record.level} ${moduleOf(record)} ${record.message}\n`;
}

/** A log line as one JSON object (`--format json`): one line each, for `jq` and other tools. */
export function logJson(record: LogRecordDocument): string {
  const { time, unit, hook, level, message } = record;
  const entity = unitTag(unit);
  return `${JSON.stringify({ timestamp: time, entity, unit, hook, level, module: moduleOf(record), message })}\n`;
}

function moduleOf(record: LogRecordDocument): string {
  return record.hook === '' ? `unit.${record.unit}` : `unit.${record.unit}.${record.hook}`;
}

interface DebugLogOptions {
  readonly include: string[];
  readonly exclude: string[];
  readonly level?: (typeof LOG_LEVELS)[number];
  readonly lines: number;
  readonly replay?: true;
  readonly tail: boolean;
  readonly format: 'text' | 'json';
  readonly model?: string;
}

/** Adds `debug-log` to `program`. */
export function addDebugLogCommand(program: Command, io: CliIo): void {
  program
    .command('debug-log')
    .description(
      "Show the model's log: hook output, juju-log and agent messages. Follows new lines until interrupted, unless --no-tail.",
    )
    .option('-i, --include <unit-or-application...>', 'only these units or applications', [])
    .option('-x, --exclude <unit-or-application...>', 'never these units or applications', [])
    .addOption(new Option('-l, --level <level>', 'this level and above').choices(LOG_LEVELS))
    .option('-n, --lines <n>', 'how many past lines to show', parseCount, 10)
    .option('--replay', 'show every stored line first')
    .option('--no-tail', 'stop after the past lines')
    .addOption(formatOption(['text', 'json']))
    .addOption(modelOption())
    .addHelpText(
      'after',
      '\nExamples:\n  loom debug-log\n  loom debug-log --replay --no-tail -i db/0 --level WARNING\n  loom debug-log -n 50 -x app\n  loom debug-log --replay --no-tail --format json | jq .message\n',
    )
    .action(async (options: DebugLogOptions) => {
      const client = await connectController(io);
      const model = modelOf(io.env, options);
      const units = options.include.filter((name) => name.includes('/'));
      const applications = options.include.filter((name) => !name.includes('/'));
      const excludeUnits = options.exclude.filter((name) => name.includes('/'));
      const excludeApplications = options.exclude.filter((name) => !name.includes('/'));
      const filter = {
        model,
        ...(units.length === 0 ? {} : { units }),
        ...(applications.length === 0 ? {} : { applications }),
        ...(excludeUnits.length === 0 ? {} : { excludeUnits }),
        ...(excludeApplications.length === 0 ? {} : { excludeApplications }),
        ...(options.level === undefined ? {} : { level: options.level }),
      };
      const past = options.replay === true ? { replay: true } : { lines: options.lines };
      const line = options.format === 'json' ? logJson : logLine;
      if (!options.tail) {
        const { records } = await client.call('debug-log', { ...filter, ...past });
        for (const record of records) io.stdout(line(record));
        return;
      }
      // The watch sends the past lines, then every new one, with no gap between them.
      const watch = client.watch({ watch: 'debug-log', ...filter, ...past }, (message) => {
        if (message.type === 'log') for (const record of message.records) io.stdout(line(record));
      });
      await watch.closed;
    });
}
