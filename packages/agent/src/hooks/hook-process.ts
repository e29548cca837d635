/**
 * Running a charm's hook as a process (R6.1–R6.3): `dispatch` when the charm has one (for every
 * hook and action), else `hooks/<name>`; a missing file is a hook that succeeds without running;
 * a file that is not executable fails. The process runs in the charm directory with exactly the
 * environment it is given; its stdout and stderr go to the debug log line by line; its exit code
 * decides. Juju has no hook timeout; one can be set.
 */
import { spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** How a hook process ended. */
export type HookProcessOutcome =
  | { readonly kind: 'missing' }
  | { readonly kind: 'succeeded' }
  | { readonly kind: 'failed'; readonly message: string };

/** What to run. */
export interface HookProcessOptions {
  readonly charmDir: string;
  /** `hooks/<name>` or `actions/<name>`: the file run without `dispatch`. */
  readonly dispatchPath: string;
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
  const handler = await handlerOf(options.charmDir, options.dispatchPath);
  if ('kind' in handler) return handler;
  return new Promise((resolve) => {
    const child = spawn(handler.file, [], {
      cwd: options.charmDir,
      env: options.environment,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
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
    child.stdout.setEncoding('utf8').on('data', out.data);
    child.stderr.setEncoding('utf8').on('data', err.data);
    let timedOut = false;
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            // The hook's whole process group: a hook's children go with it.
            if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
          }, options.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ kind: 'failed', message: error.message });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      out.end();
      err.end();
      if (timedOut)
        resolve({ kind: 'failed', message: `timed out after ${String(options.timeoutMs)} ms` });
      else if (code === 0) resolve({ kind: 'succeeded' });
      else
        resolve({
          kind: 'failed',
          message: signal === null ? `exit status ${String(code)}` : `signal: ${signal}`,
        });
    });
  });
}
