/**
 * `loom bootstrap`, `loom kill-controller` and `loom controllers`: the controller of a home
 * (`LOOM_HOME`, by default ~/.local/share/loom), started, destroyed and listed.
 */
import { existsSync } from 'node:fs';
import { rm, rmdir, unlink } from 'node:fs/promises';

import { Option } from 'commander';
import type { Command } from 'commander';

import { controllerHome, controllerPaths, runningControllerPid } from '@loom/protocol';

import { confirmDestruction } from '../confirm.js';
import {
  CONTROLLER_NAME,
  findRunningController,
  startController,
  stopControllerProcess,
} from '../controller/controller-process.js';
import { CliError } from '../errors.js';
import type { CliIo } from '../io.js';
import { parseDuration } from '../options/duration.js';
import { renderTable } from '../output/table.js';

/** Adds the controller commands to `program`. */
export function addControllerCommands(program: Command, io: CliIo): void {
  program
    .command('bootstrap')
    .description(
      'Start the controller of LOOM_HOME (default ~/.local/share/loom) in the background, with a "default" model. A stopped controller is started again with its models.',
    )
    .addHelpText('after', '\nExamples:\n  loom bootstrap\n  LOOM_HOME=/tmp/lab loom bootstrap\n')
    .action(() => bootstrap(io));

  program
    .command('kill-controller')
    .description(
      'Stop the controller of LOOM_HOME and destroy it with every model it holds. Asks first unless -y is given.',
    )
    .argument('[controller]', 'the controller to destroy', CONTROLLER_NAME)
    .option('-y, --yes', 'do not ask for confirmation')
    .option('--no-prompt', 'do not ask for confirmation (as -y)')
    .addOption(
      new Option(
        '-t, --timeout <duration>',
        'how long to let the controller stop before killing it',
      )
        .default(30_000, '30s')
        .argParser(parseDuration),
    )
    .addHelpText('after', '\nExamples:\n  loom kill-controller\n  loom kill-controller -y -t 5s\n')
    .action((name: string, options: { yes?: true; prompt: boolean; timeout: number }) =>
      killController(io, name, { yes: options.yes === true || !options.prompt, ...options }),
    );

  program
    .command('controllers')
    .description('List the controller of LOOM_HOME, running or stopped.')
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(['tabular', 'json'])
        .default('tabular'),
    )
    .addHelpText('after', '\nExamples:\n  loom controllers\n  loom controllers --format json\n')
    .action((options: { format: 'tabular' | 'json' }) => controllers(io, options.format));
}

async function bootstrap(io: CliIo): Promise<void> {
  const home = controllerHome(io.env);
  const running = await findRunningController(home);
  const pid = running?.pid ?? (await runningControllerPid(home));
  if (pid !== undefined)
    throw new CliError(
      'controller-exists',
      `controller "${CONTROLLER_NAME}" is already running in ${home} (pid ${pid}); run "loom kill-controller" to destroy it, or set LOOM_HOME to use another home`,
    );
  const existing = existsSync(controllerPaths(home).database);
  io.stderr(
    existing
      ? `Starting controller "${CONTROLLER_NAME}" in ${home}; its models are kept\n`
      : `Creating Loom controller "${CONTROLLER_NAME}" in ${home}\n`,
  );
  const started = await startController(home, io.env);
  if (!existing) io.stderr(`Initial model "default" added\n`);
  io.stderr(
    `Bootstrap complete, controller "${CONTROLLER_NAME}" is now available at ${started.credentials.address} (pid ${started.pid})\n` +
      (existing
        ? ''
        : 'Now you can run\n\tloom deploy <charm-directory>\nto deploy a charm into the "default" model.\n'),
  );
}

async function killController(
  io: CliIo,
  name: string,
  options: { yes: boolean; timeout: number },
): Promise<void> {
  const home = controllerHome(io.env);
  const paths = controllerPaths(home);
  if (name !== CONTROLLER_NAME)
    throw new CliError(
      'controller-not-found',
      `controller "${name}" not found; the controller of ${home} is "${CONTROLLER_NAME}"`,
    );
  const pid = await runningControllerPid(home);
  if (pid === undefined && !existsSync(paths.database))
    throw new CliError(
      'controller-not-found',
      `controller "${CONTROLLER_NAME}" not found in ${home}; nothing to destroy`,
    );
  await confirmDestruction(io, {
    yes: options.yes,
    command: 'loom kill-controller',
    what: `the "${CONTROLLER_NAME}" controller in ${home} and every model it holds`,
  });
  io.stderr(`Destroying controller "${CONTROLLER_NAME}"\n`);
  if (pid !== undefined) {
    const how = await stopControllerProcess(pid, options.timeout);
    io.stderr(
      how === 'stopped'
        ? `Stopped controller process ${pid}\n`
        : `Killed controller process ${pid}: it did not stop within ${options.timeout} ms\n`,
    );
  }
  const files = [
    paths.database,
    `${paths.database}-wal`,
    `${paths.database}-shm`,
    paths.address,
    paths.token,
    paths.lock,
    paths.log,
    paths.currentModel,
  ];
  for (const file of files) {
    await unlink(file).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    });
  }
  // The machines' directories: units' charms, hook-tool sockets, agent logs.
  await rm(paths.machines, { recursive: true, force: true });
  // The home goes too when nothing else was kept in it.
  await rmdir(home).catch(() => undefined);
  io.stderr(`Controller "${CONTROLLER_NAME}" destroyed\n`);
}

async function controllers(io: CliIo, format: 'tabular' | 'json'): Promise<void> {
  const home = controllerHome(io.env);
  const running = await findRunningController(home);
  const starting = running === undefined ? await runningControllerPid(home) : undefined;
  const exists =
    running !== undefined || starting !== undefined || existsSync(controllerPaths(home).database);
  if (!exists) {
    if (format === 'json') io.stdout(`${JSON.stringify({ controllers: {} }, null, 2)}\n`);
    else
      io.stderr(
        'No controllers registered.\n\nPlease create a new controller using "loom bootstrap".\n',
      );
    return;
  }
  const status =
    running !== undefined ? 'running' : starting !== undefined ? 'starting' : 'stopped';
  const entry = {
    home,
    status,
    address: running?.credentials.address ?? null,
    pid: running?.pid ?? starting ?? null,
    models: running?.models ?? null,
  };
  if (format === 'json') {
    io.stdout(
      `${JSON.stringify({ controllers: { [CONTROLLER_NAME]: entry }, 'current-controller': CONTROLLER_NAME }, null, 2)}\n`,
    );
    return;
  }
  io.stdout(
    renderTable(
      ['Controller', 'Status', 'Models', 'Address', 'PID', 'Home'],
      [
        [
          `${CONTROLLER_NAME}*`,
          status,
          entry.models === null ? '-' : String(entry.models),
          entry.address ?? '-',
          entry.pid === null ? '-' : String(entry.pid),
          home,
        ],
      ],
      { alignRight: [2, 4] },
    ),
  );
}
