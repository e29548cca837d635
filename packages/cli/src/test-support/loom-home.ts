/**
 * Temporary controller homes for tests that start real controllers through the CLI, and `loom`
 * run in-process against one of them. Every controller left running is killed at the end.
 */
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { runningControllerPid } from '@loom/protocol';

import { captureIo } from '../io.js';
import { runCli } from '../run.js';

/** The example shell charm that records its hooks (examples/charms/hook-recorder). */
export const RECORDER_CHARM = join(
  fileURLToPath(new URL('../../../../', import.meta.url)),
  'examples',
  'charms',
  'hook-recorder',
);

/** The example subordinate shell charm (examples/charms/recorder-subordinate). */
export const RECORDER_SUBORDINATE = join(RECORDER_CHARM, '..', 'recorder-subordinate');

/** What one `loom` invocation did. */
export interface LoomRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A temporary LOOM_HOME. */
export interface TestHome {
  readonly home: string;
  /** Runs `loom` with LOOM_HOME set to this home (plus `env`); `answers` stand for a terminal. */
  readonly loom: (
    argv: readonly string[],
    options?: { env?: Record<string, string>; answers?: readonly boolean[] },
  ) => Promise<LoomRun>;
  /** Kills any controller of this home and deletes the home. */
  readonly dispose: () => Promise<void>;
}

/** Makes a fresh home (which does not exist yet, as on a new machine). */
export async function testHome(): Promise<TestHome> {
  const parent = await mkdtemp(join(tmpdir(), 'loom-cli-'));
  const home = join(parent, 'loom');
  return {
    home,
    loom: async (argv, options = {}) => {
      const io = captureIo({
        cwd: parent,
        env: { LOOM_HOME: home, ...options.env },
        ...(options.answers === undefined ? {} : { answers: options.answers }),
      });
      const code = await runCli(argv, io);
      return { code, ...io.output() };
    },
    dispose: async () => {
      const pid = await runningControllerPid(home);
      if (pid !== undefined) process.kill(pid, 'SIGKILL');
      await rm(parent, { recursive: true, force: true });
    },
  };
}

/**
 * A directory `work` beside the home (so `loom` finds it as `work/...`) holding the example charms
 * as `charms/recorder` and `charms/subordinate` and `bundle` as `bundle.yaml`; returns its path.
 */
export async function bundleWorkspace(home: TestHome, bundle: string): Promise<string> {
  const work = join(home.home, '..', 'work');
  await mkdir(join(work, 'charms'), { recursive: true });
  await cp(RECORDER_CHARM, join(work, 'charms', 'recorder'), { recursive: true });
  await cp(RECORDER_SUBORDINATE, join(work, 'charms', 'subordinate'), { recursive: true });
  await writeFile(join(work, 'bundle.yaml'), bundle);
  return work;
}
