/**
 * Packed charms: read as the directory they were packed from (paths, modes, contents), and every
 * archive that is not a sound charm refused with its name and what to do. Archives are made with
 * Python's zipfile, as charmcraft makes them.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { readCharmFiles } from './charm-upload.js';
import { readCharmArchive, readCharmSource } from './charm-zip.js';

/** Runs a Python snippet that writes an archive with zipfile (`zf` is open on `archive`). */
function python(archive: string, body: string, cwd: string): void {
  execFileSync(
    'python3',
    [
      '-c',
      `import zipfile, sys\nwith zipfile.ZipFile(sys.argv[1], 'w') as zf:\n${body
        .split('\n')
        .map((line) => `    ${line}`)
        .join('\n')}`,
      archive,
    ],
    { cwd },
  );
}

describe('packed charms', () => {
  let root: string;
  let charm: string;
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'loom-zip-'));
    charm = join(root, 'charm');
    await mkdir(join(charm, 'hooks'), { recursive: true });
    await mkdir(join(charm, 'src', 'lib'), { recursive: true });
    await writeFile(join(charm, 'metadata.yaml'), 'name: packed\nsummary: s\ndescription: d\n');
    await writeFile(join(charm, 'hooks', 'install'), '#!/bin/sh\necho hi\n');
    await chmod(join(charm, 'hooks', 'install'), 0o755);
    await writeFile(join(charm, 'src', 'lib', 'big.txt'), 'loom '.repeat(10_000));
  });
  after(() => rm(root, { recursive: true, force: true }));

  it('reads stored and deflated entries with their modes, as the directory reads', async () => {
    const archive = join(root, 'packed.charm');
    python(
      archive,
      [
        "zf.write('metadata.yaml', compress_type=zipfile.ZIP_STORED)",
        "zf.write('hooks', compress_type=zipfile.ZIP_STORED)",
        "zf.write('hooks/install', compress_type=zipfile.ZIP_DEFLATED)",
        "zf.write('src/lib/big.txt', compress_type=zipfile.ZIP_DEFLATED)",
      ].join('\n'),
      charm,
    );
    const files = await readCharmArchive(archive);
    assert.deepEqual(
      files.map((file) => [file.path, file.mode.toString(8)]),
      [
        ['hooks/install', '755'],
        ['metadata.yaml', '644'],
        ['src/lib/big.txt', '644'],
      ],
    );
    assert.deepEqual(files, await readCharmFiles(charm));
    assert.deepEqual(await readCharmSource(archive), files);
    assert.deepEqual(await readCharmSource(charm), files);
  });

  it('makes hooks and dispatch executable when the packer recorded no modes', async () => {
    const archive = join(root, 'nomodes.charm');
    python(
      archive,
      [
        'for name in ("metadata.yaml", "dispatch", "hooks/start"):',
        '    info = zipfile.ZipInfo(name)',
        '    info.create_system = 0  # MS-DOS: no Unix mode recorded',
        "    zf.writestr(info, 'name: x\\nsummary: s\\ndescription: d\\n')",
      ].join('\n'),
      root,
    );
    assert.deepEqual(
      (await readCharmArchive(archive)).map((file) => [file.path, file.mode.toString(8)]),
      [
        ['dispatch', '755'],
        ['hooks/start', '755'],
        ['metadata.yaml', '644'],
      ],
    );
  });

  const refusals: [string, string, RegExp][] = [
    [
      'an entry outside the charm',
      "zf.writestr('metadata.yaml', 'name: x')\nzf.writestr('../evil', 'x')",
      /holds an entry outside the charm, "\.\.\/evil"; repack it with charmcraft$/,
    ],
    [
      'a symbolic link',
      "zf.writestr('metadata.yaml', 'name: x')\ninfo = zipfile.ZipInfo('link')\ninfo.create_system = 3\ninfo.external_attr = (0o120777 << 16)\nzf.writestr(info, '/etc/passwd')",
      /holds a symbolic link, "link"; pack the file it points to instead$/,
    ],
    [
      'a path twice',
      "import warnings\nwarnings.simplefilter('ignore')\nzf.writestr('metadata.yaml', 'name: x')\nzf.writestr('metadata.yaml', 'name: y')",
      /holds "metadata\.yaml" twice$/,
    ],
    [
      'another compression method',
      "zf.writestr('metadata.yaml', 'name: x', compress_type=zipfile.ZIP_BZIP2)",
      /compresses "metadata\.yaml" with method 12; only stored and deflated entries are read$/,
    ],
    [
      'no metadata at its root',
      "zf.writestr('charm/metadata.yaml', 'name: x')",
      /has no metadata\.yaml or charmcraft\.yaml at its root; was it packed from the directory above the charm\?$/,
    ],
    [
      'more than the charm size limit once unpacked',
      "zf.writestr('metadata.yaml', 'name: x')\nzf.writestr('blob', b'\\0' * (49 * 1024 * 1024), compress_type=zipfile.ZIP_DEFLATED)",
      /holds more than 48 MiB once unpacked$/,
    ],
  ];
  for (const [what, body, message] of refusals) {
    it(`refuses an archive with ${what}`, async () => {
      const archive = join(root, `${what.replaceAll(' ', '-')}.charm`);
      python(archive, body, root);
      await assert.rejects(readCharmArchive(archive), (error: Error) => {
        assert.match(error.message, new RegExp(`^charm archive ".*\\.charm" ${message.source}`));
        return true;
      });
    });
  }

  it('refuses a damaged or encrypted entry, and a file that is not a zip', async () => {
    const archive = join(root, 'damaged.charm');
    python(archive, "zf.writestr('metadata.yaml', 'name: damaged')", root);
    const bytes = await readFile(archive);
    const damaged = Buffer.from(bytes);
    damaged[damaged.indexOf('name: damaged') + 6] = 0x4e; // "N": the CRC no longer matches
    await writeFile(archive, damaged);
    await assert.rejects(readCharmArchive(archive), /has a damaged entry, "metadata\.yaml"/);
    const encrypted = Buffer.from(bytes);
    const central = encrypted.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    encrypted.writeUInt16LE(encrypted.readUInt16LE(central + 8) | 1, central + 8);
    await writeFile(archive, encrypted);
    await assert.rejects(readCharmArchive(archive), /holds an encrypted entry, "metadata\.yaml"$/);
    const text = join(root, 'notes.charm');
    await writeFile(text, 'not a zip at all');
    await assert.rejects(
      readCharmArchive(text),
      /^ProtocolError: ".*notes\.charm" is not a charm archive \(zip\); pack it with "charmcraft pack" or deploy the charm directory$/,
    );
  });
});
