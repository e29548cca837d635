/**
 * `loom exec`'s command: run with `/bin/sh -c` in the charm directory with a hook-like
 * environment (so hook tools work), its output captured whole for the operation's results.
 */
import { spawnGroup } from './process-group.js';

/** How the command ended. */
export interface ExecOutcome {
  /** The exit code; -1 when killed by a signal or the timeout. */
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
}

/** Runs `command`; resolves when it has exited (or been killed after `timeoutMs`). */
export async function runExecProcess(
  command: string,
  options: {
    readonly cwd: string;
    readonly environment: Readonly<Record<string, string>>;
    readonly timeoutMs: number;
  },
): Promise<ExecOutcome> {
  const { child, ended } = spawnGroup('/bin/sh', ['-c', command], options);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: string) => (stdout += chunk));
  child.stderr.on('data', (chunk: string) => (stderr += chunk));
  const end = await ended;
  if (end.error !== undefined) stderr += `${end.error.message}\n`;
  return { code: end.code ?? -1, stdout, stderr, timedOut: end.timedOut };
}
