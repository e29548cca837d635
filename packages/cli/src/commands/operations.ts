/**
 * `loom exec` (a command in a hook-like context of units, so hook tools work) and `loom run` (a
 * charm action): queued on the units' agents, then waited for, and their results printed.
 */
import { setTimeout as sleep } from 'node:timers/promises';

import type { Command } from 'commander';
import { Option } from 'commander';

import type { ApiClient, OperationDocument } from '@loom/protocol';
import { isOpenOperation } from '@loom/protocol';

import { connectController } from '../controller/connect.js';
import { CliError, UsageError } from '../errors.js';
import type { CliIo } from '../io.js';
import { parseDuration } from '../options/duration.js';
import { modelOf, modelOption } from '../options/model.js';
import { actionParams } from '../options/settings.js';
import { formatData } from '../options/format.js';
import type { DataFormat } from '../options/format.js';
import { operationResults } from '../output/operation-results.js';
import { unitTag } from '../output/unit-tag.js';

const POLL_MS = 100;

/** Waits until every operation has finished, or `timeoutMs` passed. */
async function finished(
  client: ApiClient,
  model: string,
  ids: readonly number[],
  timeoutMs: number,
): Promise<OperationDocument[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const operations = await Promise.all(
      ids.map((id) => client.call('show-operation', { model, id })),
    );
    if (
      operations.every(
        (operation) => operation.status === 'completed' || operation.status === 'failed',
      )
    )
      return operations;
    if (Date.now() > deadline)
      throw new CliError(
        'timeout',
        `timed out waiting for ${operations
          .filter(isOpenOperation)
          .map((operation) => `operation ${operation.id} on ${operation.unit}`)
          .join(
            ', ',
          )}; see "loom show-operation" later, or check the unit's agent with "loom status"`,
      );
    await sleep(POLL_MS);
  }
}

/** An exec result's output text. */
function textOf(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** Adds `exec` and `run` to `program`; `setExit` gets exec's exit code. */
export function addOperationCommands(
  program: Command,
  io: CliIo,
  setExit: (code: number) => void,
): void {
  program
    .command('exec')
    .description(
      'Run a command on units, in a hook-like context: hook tools work, and relation writes are committed if it exits 0.',
    )
    .argument('<command...>', 'the command and its arguments (after --)')
    .option('-u, --unit <unit...>', 'units to run on', [])
    .option('-a, --application <application...>', 'every unit of these applications', [])
    .addOption(
      new Option(
        '--format <format>',
        "output format (default: a single unit's output as it is, else yaml)",
      ).choices(['yaml', 'json']),
    )
    .addOption(
      new Option('--wait <duration>', 'how long to wait for the results')
        .default(300_000, '5m')
        .argParser(parseDuration),
    )
    .addOption(modelOption())
    .addHelpText(
      'after',
      '\nExamples:\n  loom exec --unit db/0 -- relation-get -r source:2 - app/0\n  loom exec -a app -- hostname\n  loom exec -u db/0 --format json -- hostname\n',
    )
    .action(
      async (
        words: string[],
        options: {
          unit: string[];
          application: string[];
          wait: number;
          format?: DataFormat;
          model?: string;
        },
      ) => {
        if (options.unit.length + options.application.length === 0)
          throw new UsageError('name the units to run on with --unit, or --application');
        const client = await connectController(io);
        const model = modelOf(io.env, options);
        const { operations } = await client.call('exec', {
          model,
          units: options.unit,
          applications: options.application,
          command: words.join(' '),
          timeout: options.wait / 1000,
        });
        const results = await finished(
          client,
          model,
          operations.map((operation) => operation.id),
          options.wait + 10_000,
        );
        const [only] = results;
        if (options.format === undefined && results.length === 1 && only !== undefined) {
          io.stdout(textOf(only.results.stdout));
          io.stderr(textOf(only.results.stderr));
          if (only.status === 'failed') throw new CliError('exec-failed', only.message);
          const code = Number(only.results['return-code'] ?? 0);
          // Like juju exec: the command's own exit code.
          setExit(code);
          return;
        }
        io.stdout(formatData(options.format ?? 'yaml', operationResults(results)));
        if (results.some((operation) => operation.status === 'failed')) setExit(1);
      },
    );

  program
    .command('run')
    .description('Run a charm action on a unit and print its results.')
    .argument('<unit>', 'the unit')
    .argument('<action>', 'the action, as actions.yaml names it')
    .argument('[params...]', 'key=value parameters (values read as YAML)')
    .addOption(
      new Option('--wait <duration>', 'how long to wait for the results')
        .default(300_000, '5m')
        .argParser(parseDuration),
    )
    .addOption(
      new Option(
        '--format <format>',
        "output format (default: the action's results as yaml)",
      ).choices(['yaml', 'json']),
    )
    .addOption(modelOption())
    .addHelpText(
      'after',
      '\nExamples:\n  loom run db/0 backup target=/srv/backups compress=true\n  loom run db/0 backup --format json\n',
    )
    .action(
      async (
        unit: string,
        action: string,
        pairs: string[],
        options: { wait: number; format?: DataFormat; model?: string },
      ) => {
        const params = actionParams(pairs);
        const client = await connectController(io);
        const model = modelOf(io.env, options);
        const { operations } = await client.call('run-action', {
          model,
          units: [unit],
          action,
          params,
        });
        const [queued] = operations;
        if (queued === undefined) return;
        io.stderr(
          `Running operation ${queued.id} with 1 task\n  - task ${queued.id} on ${unitTag(unit)}\n\nWaiting for task ${queued.id}...\n`,
        );
        const [done] = await finished(client, model, [queued.id], options.wait);
        if (done === undefined) return;
        const results = done.results;
        if (options.format !== undefined)
          io.stdout(formatData(options.format, operationResults([done])));
        else if (Object.keys(results).length > 0) io.stdout(formatData('yaml', results));
        if (done.status === 'failed') throw new CliError('action-failed', done.message);
      },
    );
}
