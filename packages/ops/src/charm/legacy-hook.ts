/**
 * Legacy hooks (spec/ops-api.md §3.1.4): a charm that still has `hooks/<name>` scripts beside
 * its dispatch gets them run first, as ops does — as a process with the hook's environment,
 * when the file is executable and is not the running script. A failure stops the hook with the
 * legacy hook's exit code.
 */
import { accessSync, constants, existsSync, realpathSync } from 'node:fs';
import { join } from 'node:path';

import type { JujuContext } from '../juju-context.js';

/** A legacy hook failed: the hook ends with its exit code. */
export class LegacyHookError extends Error {
  constructor(
    readonly path: string,
    readonly exitCode: number,
  ) {
    super(`the legacy hook ${path} exited with code ${exitCode}; the charm's handlers did not run`);
    this.name = new.target.name;
  }
}

/**
 * Runs the legacy hook of this dispatch, if the charm has one; `log` is told it is deprecated.
 *
 * @throws LegacyHookError when it exits non-zero.
 */
export async function runLegacyHook(
  context: JujuContext,
  env: Readonly<Record<string, string | undefined>>,
  script: string | undefined,
  log: (message: string) => void,
): Promise<void> {
  if (context.dispatchPath === '') return;
  const path = join(context.charmDir, context.dispatchPath);
  if (!existsSync(path) || !executable(path)) return;
  if (script !== undefined && existsSync(script) && realpathSync(script) === realpathSync(path))
    return;
  log(`running the legacy hook ${context.dispatchPath} first; legacy hooks are deprecated`);
  const { spawnSync } = await import('node:child_process');
  const result = spawnSync(path, [], {
    cwd: context.charmDir,
    env: { ...env, OPERATOR_DISPATCH: '1' },
    stdio: 'inherit',
  });
  const code = result.status ?? 1;
  if (code !== 0) throw new LegacyHookError(context.dispatchPath, code);
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
