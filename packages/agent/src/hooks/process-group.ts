/**
 * A charm process in its own process group, so a timeout kills it with everything it started:
 * what the hook runner and `loom exec` share.
 */
import { spawn } from 'node:child_process';
import type { ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';

/** How the process ended. */
export interface ProcessEnd {
  /** The exit code; null when a signal, the timeout or a spawn error ended it. */
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly timedOut: boolean;
  /** Why it could not be started. */
  readonly error?: Error;
}

/** A started process: its output streams, and its end. */
export interface GroupProcess {
  readonly child: ChildProcessByStdio<null, Readable, Readable>;
  readonly ended: Promise<ProcessEnd>;
}

/** Starts `file` with `args`; with `timeoutMs`, its whole group is killed when that runs out. */
export function spawnGroup(
  file: string,
  args: readonly string[],
  options: {
    readonly cwd: string;
    readonly environment: Readonly<Record<string, string>>;
    readonly timeoutMs?: number | undefined;
  },
): GroupProcess {
  const child = spawn(file, [...args], {
    cwd: options.cwd,
    env: options.environment,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  const ended = new Promise<ProcessEnd>((resolve) => {
    let timedOut = false;
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
          }, options.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ code: null, signal: null, timedOut, error });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, timedOut });
    });
  });
  return { child, ended };
}
