/**
 * Running a charm's hook as a process (R6.1–R6.3): `dispatch` when the charm has one (for every
 * hook and action), else `hooks/<name>`; a missing file is a hook that succeeds without running;
 * a file that is not executable fails. The process runs in the charm directory with exactly the
 * environment it is given; its stdout and stderr go to the debug log line by line; its exit code
 * decides. Juju has no hook timeout; one can be set.
 */
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { join } from 'node:path';

import { spawnGroup } from './process-group.js';

/** How a hook process ended. */
export type HookProcessOutcome =
  | { readonly kind: 'missing' }
  | { readonly kind: 'succeeded' }
  | { readonly kind: 'failed'; readonly message: string };

/** What to run. */
export interface HookProcessOptions {
  readonly charmDir: string;
  /**
   * The hook's environment; its `JUJU_DISPATCH_PATH` (`hooks/<name>`, `actions/<name>`) names
   * the file run when the charm has no `dispatch`.
   */
  readonly environment: Readonly<Record<string, string>>;
  /** Kill the hook after this long; off by default, as in Juju. */
  readonly timeoutMs?: number;
  /** Each line the process writes. */
  readonly onOutput: (stream: 'stdout' | 'stderr', line: string) => void;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    (found) => found.isFile(),
    () => false,
  );
}

async function executable(path: string): Promise<boolean> {
  return access(path, constants.X_OK).then(
    () => true,
    () => false,
  );
}

/** The file to run, `missing`, or why it cannot run. */
async function handlerOf(
  charmDir: string,
  dispatchPath: string,
): Promise<{ file: string } | HookProcessOutcome> {
  const hasMetadata =
    (await exists(join(charmDir, 'metadata.yaml'))) ||
    (await exists(join(charmDir, 'charmcraft.yaml')));
  if (!hasMetadata) return { kind: 'failed', message: 'charm missing from disk' };
  for (const candidate of ['dispatch', dispatchPath]) {
    const file = join(charmDir, candidate);
    if (!(await exists(file))) continue;
    if (!(await executable(file)))
      return {
        kind: 'failed',
        message: `cannot run "${candidate}": the file is not executable (chmod +x ${candidate})`,
      };
    return { file };
  }
  return { kind: 'missing' };
}

/** Runs a hook; resolves when the process has exited. */
export async function runHookProcess(options: HookProcessOptions): Promise<HookProcessOutcome> {
  const dispatchPath = options.environment.JUJU_DISPATCH_PATH ?? '';
  const handler = await handlerOf(options.charmDir, dispatchPath);
  if ('kind' in handler) return handler;
  const { child, ended } = spawnGroup(handler.file, [], {
    cwd: options.charmDir,
    environment: options.environment,
    timeoutMs: options.timeoutMs,
  });
  const lines = (stream: 'stdout' | 'stderr') => {
    let pending = '';
    return {
      data: (chunk: string) => {
        pending += chunk;
        const parts = pending.split('\n');
        pending = parts.pop() ?? '';
        for (const line of parts) options.onOutput(stream, line);
      },
      end: () => {
        if (pending !== '') options.onOutput(stream, pending);
        pending = '';
      },
    };
  };
  const out = lines('stdout');
  const err = lines('stderr');
  child.stdout.on('data', out.data);
  child.stderr.on('data', err.data);
  const end = await ended;
  out.end();
  err.end();
  if (end.error !== undefined) return { kind: 'failed', message: end.error.message };
  if (end.timedOut)
    return { kind: 'failed', message: `timed out after ${String(options.timeoutMs)} ms` };
  if (end.code === 0) return { kind: 'succeeded' };
  return {
    kind: 'failed',
    message: end.signal === null ? `exit status ${String(end.code)}` : `signal: ${end.signal}`,
  };
}
