/**
 * Writing packed charms: what writeCharmArchive writes reads back through readCharmArchive with
 * the same paths, modes and bytes, and, where the machine has them, through Python's zipfile and
 * Info-ZIP's unzip, as charmcraft's and Juju's readers would. Bad input is refused by name.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { writeCharmArchive } from './charm-zip-writer.js';
import type { CharmArchiveFile } from './charm-zip-writer.js';
import { readCharmArchive } from './charm-zip.js';
import { ProtocolError } from './protocol-error.js';

const METADATA = 'name: packed\nsummary: s\ndescription: d\n';
const BUNDLE = `// the bundle\n${'console.log("loom");\n'.repeat(2000)}`;
const NOISE = randomBytes(4096);

const FILES: CharmArchiveFile[] = [
  { path: 'metadata.yaml', mode: 0o644, data: METADATA },
  { path: 'dispatch', mode: 0o755, data: '#!/bin/sh\nexec node ./dist/charm.mjs\n' },
  { path: 'dist/charm.mjs', mode: 0o644, data: BUNDLE },
  { path: 'dist/assets/noise.bin', mode: 0o600, data: NOISE },
  { path: 'empty', mode: 0o644, data: '' },
  { path: 'docs/résumé.md', mode: 0o644, data: 'ünïcode\n' },
];

/** Whether `command` can be run here; tests needing it are skipped (and reported so) without. */
function available(command: string, args: readonly string[]): boolean {
  return spawnSync(command, args, { stdio: 'ignore' }).status === 0;
}

/** The names in the archive's central directory, in order. */
function centralNames(archive: Buffer): string[] {
  const names: string[] = [];
  const signature = Buffer.from([0x50, 0x4b, 0x01, 0x02]);
  for (let at = archive.indexOf(signature); at !== -1; at = archive.indexOf(signature, at + 1)) {
    names.push(archive.toString('utf8', at + 46, at + 46 + archive.readUInt16LE(at + 28)));
  }
  return names;
}

function refusal(pattern: RegExp): (error: unknown) => boolean {
  return (error) => {
    assert.ok(error instanceof ProtocolError);
    assert.equal(error.code, 'not-valid');
    assert.match(error.message, pattern);
    return true;
  };
}

describe('writing packed charms', () => {
  let root: string;
  let archive: string;
  let bytes: Buffer;
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'loom-zip-writer-'));
    archive = join(root, 'packed.charm');
    bytes = writeCharmArchive(FILES, {
      directories: true,
      modified: new Date('2024-05-06T07:08:10Z'),
    });
    await writeFile(archive, bytes);
  });
  after(() => rm(root, { recursive: true, force: true }));

  it('reads back through readCharmArchive with the same paths, modes and bytes', async () => {
    const files = await readCharmArchive(archive);
    assert.deepEqual(
      files.map((file) => [file.path, file.mode.toString(8)]),
      [
        ['dispatch', '755'],
        ['dist/assets/noise.bin', '600'],
        ['dist/charm.mjs', '644'],
        ['docs/résumé.md', '644'],
        ['empty', '644'],
        ['metadata.yaml', '644'],
      ],
    );
    for (const file of FILES) {
      const read = files.find((found) => found.path === file.path);
      assert.deepEqual(Buffer.from(read?.content ?? '', 'base64'), Buffer.from(file.data));
    }
  });

  it('deflates what shrinks, stores what does not, and writes each directory once before its files', () => {
    const unpacked = BUNDLE.length + NOISE.length;
    assert.ok(bytes.length < NOISE.length + BUNDLE.length / 10, `${bytes.length} of ${unpacked}`);
    assert.ok(bytes.includes(NOISE), 'random bytes are stored as they are');
    assert.deepEqual(centralNames(bytes), [
      'metadata.yaml',
      'dispatch',
      'dist/',
      'dist/charm.mjs',
      'dist/assets/',
      'dist/assets/noise.bin',
      'empty',
      'docs/',
      'docs/résumé.md',
    ]);
    assert.deepEqual(
      centralNames(writeCharmArchive(FILES)).filter((name) => name.endsWith('/')),
      [],
      'no directory entries unless asked for',
    );
  });

  it('gives the same bytes for the same files, and 1980-01-01 when no time is given', () => {
    assert.deepEqual(writeCharmArchive(FILES), writeCharmArchive(FILES));
    const local = writeCharmArchive([FILES[0]!]);
    assert.equal(local.readUInt16LE(10), 0, 'time 00:00:00');
    assert.equal(local.readUInt16LE(12), (1 << 5) | 1, 'date 1980-01-01');
  });

  it('refuses paths outside the charm, paths given twice, a file that is also a directory and bad modes', () => {
    const file = (path: string, mode = 0o644): CharmArchiveFile => ({ path, mode, data: 'x' });
    for (const path of ['/etc/passwd', '../up', 'a/../b', 'a//b', './a', 'a\\b', '', 'dir/'])
      assert.throws(() => writeCharmArchive([file(path)]), refusal(/is not a relative path/));
    assert.throws(
      () => writeCharmArchive([file('dispatch'), file('dispatch')]),
      refusal(/"dispatch" is given twice; give each file once/),
    );
    assert.throws(
      () => writeCharmArchive([file('dist'), file('dist/charm.mjs')]),
      refusal(/"dist" is given as a file and as the directory of "dist\/charm\.mjs"/),
    );
    assert.throws(
      () => writeCharmArchive([file('dispatch', 0o100755)]),
      refusal(/the mode of "dispatch" is not Unix permission bits/),
    );
    assert.throws(
      () => writeCharmArchive([file('a')], { modified: new Date(Number.NaN) }),
      refusal(/the modification time is not a valid date/),
    );
  });

  it(
    "reads back through Python's zipfile with Unix modes, times and intact checksums",
    { skip: available('python3', ['--version']) ? false : 'python3 is not installed here' },
    () => {
      const script = [
        'import json, sys, zipfile',
        'with zipfile.ZipFile(sys.argv[1]) as zf:',
        '    print(json.dumps({"bad": zf.testzip(), "entries": [',
        '        [i.filename, i.create_system, oct(i.external_attr >> 16), list(i.date_time),',
        '         zf.read(i).hex()] for i in zf.infolist()]}))',
      ].join('\n');
      const report = JSON.parse(
        execFileSync('python3', ['-c', script, archive], { encoding: 'utf8' }),
      ) as { bad: string | null; entries: [string, number, string, number[], string][] };
      assert.equal(report.bad, null);
      const byName = new Map(report.entries.map((entry) => [entry[0], entry]));
      assert.deepEqual(byName.get('dispatch')?.slice(1, 4), [
        3,
        '0o100755',
        [2024, 5, 6, 7, 8, 10],
      ]);
      assert.deepEqual(byName.get('dist/')?.slice(1, 3), [3, '0o40755']);
      assert.deepEqual(byName.get('dist/assets/noise.bin')?.[2], '0o100600');
      for (const file of FILES)
        assert.equal(byName.get(file.path)?.[4], Buffer.from(file.data).toString('hex'));
    },
  );

  it(
    'extracts with unzip, which tests every entry and restores the modes',
    { skip: available('unzip', ['-v']) ? false : 'unzip is not installed here' },
    async () => {
      const tested = spawnSync('unzip', ['-t', archive], { encoding: 'utf8' });
      assert.equal(tested.status, 0, tested.stdout);
      assert.match(tested.stdout, /No errors detected/);
      const into = join(root, 'unzipped');
      execFileSync('unzip', ['-q', archive, '-d', into]);
      assert.equal((await stat(join(into, 'dispatch'))).mode & 0o777, 0o755);
      assert.equal((await stat(join(into, 'dist', 'assets', 'noise.bin'))).mode & 0o777, 0o600);
      assert.equal(await readFile(join(into, 'dist', 'charm.mjs'), 'utf8'), BUNDLE);
      assert.equal(await readFile(join(into, 'docs', 'résumé.md'), 'utf8'), 'ünïcode\n');
    },
  );
});
