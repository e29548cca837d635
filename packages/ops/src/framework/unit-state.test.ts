/**
 * The unit state file: missing means empty, written atomically with mode 0600, and a damaged
 * file is refused with what to do about it. Handles: paths round-trip and bad names are refused.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { Handle } from './handle.js';
import { EMPTY_UNIT_STATE, FileUnitStateStore } from './unit-state.js';

describe('FileUnitStateStore', () => {
  let directory: string;
  before(async () => {
    directory = await mkdtemp(join(tmpdir(), 'loom-ops-'));
  });
  after(() => rm(directory, { recursive: true, force: true }));

  it('reads a missing file as the empty state and writes the file with mode 0600', async () => {
    const store = new FileUnitStateStore(join(directory, 'charm', '.loom-unit-state.json'));
    assert.deepEqual(await store.load(), EMPTY_UNIT_STATE);
    const state = {
      eventCount: 4,
      nextSequence: 3,
      snapshots: { 'Demo/StoredStateData[_stored]': { n: 2 } },
      notices: [{ sequence: 2, eventPath: 'Demo/on/start[4]', observer: 'onStart' }],
    };
    await store.save(state);
    assert.deepEqual(await store.load(), state);
    assert.equal((await stat(store.path)).mode & 0o777, 0o600);
    assert.deepEqual(await readdir(join(directory, 'charm')), ['.loom-unit-state.json']);
  });

  it('refuses a damaged file, saying how to start afresh', async () => {
    const path = join(directory, 'damaged.json');
    await writeFile(path, '{"eventCount": 1,');
    await assert.rejects(new FileUnitStateStore(path).load(), (error: Error) => {
      assert.match(error.message, /is not valid JSON .*; remove the file to start afresh/);
      return true;
    });
  });
});

describe('Handle', () => {
  it('round-trips paths with and without keys', () => {
    for (const path of ['Demo', 'Demo/on/config_changed[4]', 'Demo/Lib[a]/StoredStateData[_s]'])
      assert.equal(Handle.fromPath(path).path, path);
    assert.equal(
      new Handle(undefined, 'Demo').nest('on').nest('start', '1').path,
      'Demo/on/start[1]',
    );
  });

  it('refuses kinds and keys that would break paths', () => {
    assert.throws(() => new Handle(undefined, 'a/b'), /invalid handle kind "a\/b"/);
    assert.throws(() => new Handle(undefined, 'A', 'x]'), /invalid handle key "x]"/);
    assert.throws(() => Handle.fromPath('Demo/[x]'), /segment "\[x\]" is not kind or kind\[key\]/);
  });
});
