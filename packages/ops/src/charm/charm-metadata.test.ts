/**
 * The charm's metadata for a hook: loaded and checked from the charm's files, cached in
 * .loom-metadata.json so that later hooks skip the YAML parser, and loaded again as soon as any
 * file changes, appears or goes.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { METADATA_CACHE_FILE, readCharmMetadata } from './charm-metadata.js';

const METADATA = 'name: demo\nsummary: s\ndescription: d\nrequires:\n  db:\n    interface: pgsql\n';

describe('readCharmMetadata', () => {
  let charmDir: string;
  before(async () => {
    charmDir = await mkdtemp(join(tmpdir(), 'loom-ops-metadata-'));
  });
  after(() => rm(charmDir, { recursive: true, force: true }));

  /** Marks the cached metadata, so that a read served from the cache can be told. */
  const markCache = async () => {
    const path = join(charmDir, METADATA_CACHE_FILE);
    const cache = JSON.parse(await readFile(path, 'utf8')) as { metadata: { summary: string } };
    cache.metadata.summary = 'from the cache';
    await writeFile(path, JSON.stringify(cache));
  };

  it('loads the metadata and serves it from the cache while the files are unchanged', async () => {
    await writeFile(join(charmDir, 'metadata.yaml'), METADATA);
    const first = await readCharmMetadata(charmDir);
    assert.equal(first.name, 'demo');
    assert.deepEqual(
      first.endpoints.map((endpoint) => endpoint.name),
      ['db'],
    );
    await markCache();
    assert.equal((await readCharmMetadata(charmDir)).summary, 'from the cache');
  });

  it('loads again when a file changes or a new one appears', async () => {
    await writeFile(join(charmDir, 'metadata.yaml'), METADATA.replace('summary: s', 'summary: t'));
    assert.equal((await readCharmMetadata(charmDir)).summary, 't');
    await markCache();
    await writeFile(
      join(charmDir, 'config.yaml'),
      'options:\n  port:\n    type: int\n    default: 1\n    description: p\n',
    );
    const withConfig = await readCharmMetadata(charmDir);
    assert.equal(withConfig.summary, 't');
    assert.deepEqual(
      withConfig.config.map((option) => option.name),
      ['port'],
    );
  });

  it('loads again over a damaged cache, and names every problem of bad metadata', async () => {
    await writeFile(join(charmDir, METADATA_CACHE_FILE), '{damaged');
    assert.equal((await readCharmMetadata(charmDir)).name, 'demo');
    await writeFile(join(charmDir, 'metadata.yaml'), 'summary: no name\n');
    await assert.rejects(
      readCharmMetadata(charmDir),
      /^Error: the charm's metadata in .* is not valid:\n.*name/,
    );
  });
});
