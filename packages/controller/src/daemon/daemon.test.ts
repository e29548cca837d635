/**
 * The daemon on its home: credential files only the owner can read, one controller per home, a
 * clean stop, models kept across restarts, and a stale lock (after kill -9) taken over.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';

import { ApiClient, controllerPaths, readCredentials } from '@loom/protocol';

import { ControllerRunningError } from '../controller-error.js';
import { startDaemon } from './daemon.js';

const homes: string[] = [];
after(async () => {
  for (const home of homes) await rm(home, { recursive: true, force: true });
});

async function newHome(): Promise<string> {
  const home = join(await mkdtemp(join(tmpdir(), 'loom-home-')), 'loom');
  homes.push(home);
  return home;
}

const silent = () => undefined;

describe('the controller daemon', () => {
  it('writes its address and token readable by the owner only, and serves with that token', async () => {
    const home = await newHome();
    const daemon = await startDaemon({ home, report: silent });
    try {
      const paths = controllerPaths(home);
      for (const file of [paths.address, paths.token, paths.lock])
        assert.equal((await stat(file)).mode & 0o777, 0o600, file);
      assert.equal((await stat(home)).mode & 0o777, 0o700);
      const credentials = await readCredentials(home);
      assert.match(credentials.address, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.match(credentials.token, /^[0-9a-f]{64}$/);
      const { models } = await new ApiClient(credentials).call('models', {});
      assert.deepEqual(
        models.map((model) => model.name),
        ['default'],
      );
    } finally {
      await daemon.stop();
    }
  });

  it('refuses a second controller on the same home, naming the running one', async () => {
    const home = await newHome();
    const daemon = await startDaemon({ home, report: silent });
    try {
      await assert.rejects(
        startDaemon({ home, report: silent }),
        (error: unknown) =>
          error instanceof ControllerRunningError &&
          error.message.startsWith(
            `a controller is already running in ${home} (pid ${process.pid})`,
          ) &&
          error.pid === process.pid,
      );
    } finally {
      await daemon.stop();
    }
  });

  it('removes its files on stop and keeps its models for the next start', async () => {
    const home = await newHome();
    const paths = controllerPaths(home);
    const first = await startDaemon({ home, report: silent });
    const client = new ApiClient(await readCredentials(home));
    await client.call('add-model', { name: 'kept' });
    await client.call('destroy-model', { name: 'default' });
    await first.stop();
    for (const file of [paths.address, paths.token, paths.lock])
      await assert.rejects(stat(file), /ENOENT/);
    await assert.rejects(
      readCredentials(home),
      /no controller is running in .*; run "loom bootstrap" to start one/,
    );
    const second = await startDaemon({ home, report: silent });
    try {
      const again = new ApiClient(await readCredentials(home));
      const { models } = await again.call('models', {});
      // The default model is made once, with the database: destroyed, it stays destroyed.
      assert.deepEqual(
        models.map((model) => model.name),
        ['kept'],
      );
    } finally {
      await second.stop();
    }
  });

  it('takes over a lock left by a controller that was killed', async () => {
    const home = await newHome();
    await (await startDaemon({ home, report: silent })).stop();
    // A pid that no longer runs, as kill -9 leaves behind.
    await writeFile(controllerPaths(home).lock, '2147483646\n', { mode: 0o600 });
    const daemon = await startDaemon({ home, report: silent });
    assert.equal((await readFile(controllerPaths(home).lock, 'utf8')).trim(), String(process.pid));
    await daemon.stop();
  });
});
