/**
 * Packed charms: read as the directory they were packed from (paths, modes, contents, links), and
 * every archive that is not a sound charm refused with its name and what to do. Archives are made
 * with Python's zipfile, as charmcraft makes them, and patched byte by byte where a test needs a
 * record no packer writes.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { readCharmSource } from './charm-source.js';
import { readCharmFiles } from './charm-upload.js';
import { readCharmArchive } from './charm-zip.js';

/**
 * Runs a Python snippet that writes `archive` with zipfile: `zf` is the open archive and
 * `link(name, target)` adds a Unix symbolic link entry, as `zip --symlinks` writes one.
 */
function python(archive: string, body: string, cwd: string): void {
  const lines = [
    'def link(name, target):',
    '    info = zipfile.ZipInfo(name)',
    '    info.create_system = 3',
    '    info.external_attr = 0o120777 << 16',
    '    zf.writestr(info, target)',
    ...body.split('\n'),
  ];
  execFileSync(
    'python3',
    [
      '-c',
      `import zipfile, sys\nwith zipfile.ZipFile(sys.argv[1], 'w') as zf:\n${lines.map((line) => `    ${line}`).join('\n')}`,
      archive,
    ],
    { cwd },
  );
}

/** Packs every file and link under `cwd`, links as link entries. */
const PACK_WITH_LINKS = [
  'import os',
  "for top, directories, names in os.walk('.'):",
  '    for name in directories + names:',
  '        path = os.path.join(top, name)[2:]',
  '        if os.path.islink(path):',
  '            link(path, os.readlink(path))',
  '        elif os.path.isfile(path):',
  '            zf.write(path, path, compress_type=zipfile.ZIP_DEFLATED)',
].join('\n');

/** Where the central directory entry for `name` starts. */
function centralEntry(bytes: Buffer, name: string): number {
  const signature = Buffer.from([0x50, 0x4b, 0x01, 0x02]);
  for (let at = bytes.indexOf(signature); at !== -1; at = bytes.indexOf(signature, at + 1)) {
    const end = at + 46 + bytes.readUInt16LE(at + 28);
    if (bytes.toString('utf8', at + 46, end) === name) return at;
  }
  throw new Error(`no central entry for ${name}`);
}

const METADATA = 'name: packed\nsummary: s\ndescription: d\n';

describe('packed charms', () => {
  let root: string;
  let charm: string;
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'loom-zip-'));
    charm = join(root, 'charm');
    await mkdir(join(charm, 'hooks'), { recursive: true });
    await mkdir(join(charm, 'src', 'lib'), { recursive: true });
    await writeFile(join(charm, 'metadata.yaml'), METADATA);
    await writeFile(join(charm, 'hooks', 'install'), '#!/bin/sh\necho hi\n');
    await chmod(join(charm, 'hooks', 'install'), 0o755);
    await writeFile(join(charm, 'src', 'lib', 'big.txt'), 'loom '.repeat(10_000));
  });
  after(() => rm(root, { recursive: true, force: true }));

  it('reads stored and deflated entries in nested directories with their modes, as the directory reads', async () => {
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
    const big = files.find((file) => file.path === 'src/lib/big.txt');
    assert.equal(Buffer.from(big?.content ?? '', 'base64').toString(), 'loom '.repeat(10_000));
    assert.deepEqual(files, await readCharmFiles(charm));
    assert.deepEqual(await readCharmSource(archive), files);
    assert.deepEqual(await readCharmSource(charm), files);
  });

  it('follows links that stay inside the charm, as readCharmFiles follows them on disk', async () => {
    const linked = join(root, 'linked');
    await mkdir(join(linked, 'src', 'lib'), { recursive: true });
    await mkdir(join(linked, 'hooks'));
    await writeFile(join(linked, 'metadata.yaml'), METADATA);
    await writeFile(join(linked, 'src', 'charm.py'), 'print("charm")\n');
    await chmod(join(linked, 'src', 'charm.py'), 0o755);
    await writeFile(join(linked, 'src', 'lib', 'util.py'), 'x = 1\n');
    await symlink('../src/charm.py', join(linked, 'hooks', 'install'));
    await symlink('src/lib', join(linked, 'lib'));
    await symlink('src/missing.py', join(linked, 'dangling'));
    const archive = join(root, 'linked.charm');
    python(archive, PACK_WITH_LINKS, linked);
    const files = await readCharmArchive(archive);
    assert.deepEqual(
      files.map((file) => [file.path, file.mode.toString(8)]),
      [
        ['hooks/install', '755'],
        ['lib/util.py', '644'],
        ['metadata.yaml', '644'],
        ['src/charm.py', '755'],
        ['src/lib/util.py', '644'],
      ],
    );
    const install = files.find((file) => file.path === 'hooks/install');
    assert.equal(Buffer.from(install?.content ?? '', 'base64').toString(), 'print("charm")\n');
    assert.deepEqual(files, await readCharmFiles(linked));
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

  it('reads sizes, offsets and the entry count from zip64 records, past an archive comment', async () => {
    const archive = join(root, 'zip64.charm');
    python(
      archive,
      [
        '# Lowered limits make zipfile write every zip64 record a 4 GiB charm would have.',
        'zipfile.ZIP64_LIMIT = 1',
        'zipfile.ZIP_FILECOUNT_LIMIT = 1',
        "zf.writestr('metadata.yaml', 'name: big\\n')",
        "zf.writestr('hooks/install', '#!/bin/sh\\n', compress_type=zipfile.ZIP_DEFLATED)",
        "zf.comment = b'packed for a zip64 test'",
      ].join('\n'),
      root,
    );
    const bytes = await readFile(archive);
    const install = centralEntry(bytes, 'hooks/install');
    assert.equal(bytes.readUInt32LE(install + 24), 0xffffffff, 'size only in the zip64 extra');
    assert.equal(bytes.readUInt32LE(install + 42), 0xffffffff, 'offset only in the zip64 extra');
    // Saturate the classic record's count and offsets so only the zip64 record can be used.
    const end = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    bytes.writeUInt16LE(0xffff, end + 8);
    bytes.writeUInt16LE(0xffff, end + 10);
    bytes.writeUInt32LE(0xffffffff, end + 12);
    bytes.writeUInt32LE(0xffffffff, end + 16);
    await writeFile(archive, bytes);
    assert.deepEqual(
      (await readCharmArchive(archive)).map((file) => [
        file.path,
        file.mode.toString(8),
        Buffer.from(file.content, 'base64').toString(),
      ]),
      [
        ['hooks/install', '600', '#!/bin/sh\n'],
        ['metadata.yaml', '600', 'name: big\n'],
      ],
    );
  });

  const refusals: [string, string, RegExp][] = [
    [
      'an entry climbing out of the charm',
      "zf.writestr('metadata.yaml', 'name: x')\nzf.writestr('../evil', 'x')",
      /holds an entry outside the charm, "\.\.\/evil"; repack it with charmcraft$/,
    ],
    [
      'an absolute entry',
      "zf.writestr('metadata.yaml', 'name: x')\nzf.writestr(zipfile.ZipInfo('/etc/evil'), 'x')",
      /holds an entry outside the charm, "\/etc\/evil"; repack it with charmcraft$/,
    ],
    [
      'an absolute link',
      "zf.writestr('metadata.yaml', 'name: x')\nlink('hooks/install', '/etc/passwd')",
      /holds a link pointing outside the charm, "hooks\/install" -> "\/etc\/passwd"; pack the file it points to instead$/,
    ],
    [
      'a link climbing out of the charm',
      "zf.writestr('metadata.yaml', 'name: x')\nlink('hooks/install', '../../etc/passwd')",
      /holds a link pointing outside the charm, "hooks\/install" -> "\.\.\/\.\.\/etc\/passwd"; pack the file it points to instead$/,
    ],
    [
      'a link climbing out through another link',
      // Read as text, "a/b/../../etc" is "etc"; through the link a/b it is "../etc".
      "zf.writestr('metadata.yaml', 'name: x')\nzf.writestr('hooks/install', 'x')\nlink('a/b', '../hooks')\nlink('c', 'a/b/../../etc')",
      /holds a link pointing outside the charm, "c" -> "a\/b\/\.\.\/\.\.\/etc"; pack the file it points to instead$/,
    ],
    [
      'links that loop',
      "zf.writestr('metadata.yaml', 'name: x')\nlink('a', 'b')\nlink('b', 'a')",
      /holds links that loop at "a"; replace them with the files they name$/,
    ],
    [
      'a link to a directory holding it',
      "zf.writestr('metadata.yaml', 'name: x')\nlink('src/self', '..')",
      /holds links that loop at "src\/self"; replace them with the files they name$/,
    ],
    [
      'a path twice',
      "import warnings\nwarnings.simplefilter('ignore')\nzf.writestr('metadata.yaml', 'name: x')\nzf.writestr('metadata.yaml', 'name: y')",
      /holds "metadata\.yaml" twice; repack it with charmcraft$/,
    ],
    [
      'a file under a file',
      "zf.writestr('metadata.yaml', 'name: x')\nzf.writestr('metadata.yaml/x', 'y')",
      /holds "metadata\.yaml\/x" under the file "metadata\.yaml"; repack it$/,
    ],
    [
      'another compression method',
      "zf.writestr('metadata.yaml', 'name: x', compress_type=zipfile.ZIP_BZIP2)",
      /compresses "metadata\.yaml" with method 12; only stored and deflated entries are read, as "charmcraft pack" writes them$/,
    ],
    [
      'no metadata at its root',
      "zf.writestr('charm/metadata.yaml', 'name: x')",
      /has no metadata\.yaml or charmcraft\.yaml at its root; was it packed from the charm's parent directory\? Run "charmcraft pack" in the charm directory$/,
    ],
    [
      'more than the charm size limit once unpacked',
      "zf.writestr('metadata.yaml', 'name: x')\nzf.writestr('blob', b'\\0' * (49 * 1024 * 1024), compress_type=zipfile.ZIP_DEFLATED)",
      /holds more than 48 MiB once unpacked; remove build artefacts$/,
    ],
    [
      'links copying more than the charm size limit',
      "zf.writestr('metadata.yaml', 'name: x')\nzf.writestr('blob', b'\\0' * (30 * 1024 * 1024), compress_type=zipfile.ZIP_DEFLATED)\nlink('copy', 'blob')",
      /holds more than 48 MiB once its links are followed$/,
    ],
  ];
  for (const [what, body, message] of refusals) {
    it(`refuses an archive with ${what}`, async () => {
      const archive = join(root, `${what.replaceAll(' ', '-')}.charm`);
      python(archive, body, root);
      await assert.rejects(readCharmArchive(archive), (error: Error) => {
        assert.equal(error.name, 'ProtocolError');
        assert.match(error.message, new RegExp(`^charm archive ".*\\.charm" ${message.source}`));
        return true;
      });
    });
  }

  it('refuses declared sizes past the limit before unpacking anything', async () => {
    const archive = join(root, 'declared.charm');
    python(archive, "zf.writestr('metadata.yaml', 'name: x')\nzf.writestr('blob', 'tiny')", root);
    const bytes = await readFile(archive);
    // Reading the data first would find a damaged entry instead.
    bytes.writeUInt32LE(49 * 1024 * 1024, centralEntry(bytes, 'blob') + 24);
    await writeFile(archive, bytes);
    await assert.rejects(readCharmArchive(archive), /holds more than 48 MiB once unpacked/);
  });

  it('stops inflating an entry at its recorded size', async () => {
    const archive = join(root, 'bomb.charm');
    python(
      archive,
      "zf.writestr('metadata.yaml', 'name: x')\nzf.writestr('blob', b'\\0' * 100000, compress_type=zipfile.ZIP_DEFLATED)",
      root,
    );
    const bytes = await readFile(archive);
    bytes.writeUInt32LE(10, centralEntry(bytes, 'blob') + 24);
    await writeFile(archive, bytes);
    await assert.rejects(
      readCharmArchive(archive),
      /has a damaged entry, "blob" \(it unpacks to more than its recorded size\); pack it again$/,
    );
  });

  it('refuses a damaged or encrypted entry, and a file that is not a zip', async () => {
    const archive = join(root, 'damaged.charm');
    python(archive, "zf.writestr('metadata.yaml', 'name: damaged')", root);
    const bytes = await readFile(archive);
    const damaged = Buffer.from(bytes);
    damaged[damaged.indexOf('name: damaged') + 6] = 0x4e; // "N": the CRC no longer matches
    await writeFile(archive, damaged);
    await assert.rejects(
      readCharmArchive(archive),
      /has a damaged entry, "metadata\.yaml" \(its checksum does not match\); pack it again$/,
    );
    const encrypted = Buffer.from(bytes);
    const central = centralEntry(encrypted, 'metadata.yaml');
    encrypted.writeUInt16LE(encrypted.readUInt16LE(central + 8) | 1, central + 8);
    await writeFile(archive, encrypted);
    await assert.rejects(
      readCharmArchive(archive),
      /holds an encrypted entry, "metadata\.yaml"; pack it again without a password$/,
    );
    const text = join(root, 'notes.charm');
    await writeFile(text, 'not a zip at all');
    await assert.rejects(
      readCharmArchive(text),
      /^ProtocolError: ".*notes\.charm" is not a charm archive \(zip\); pack it with "charmcraft pack" or deploy the charm directory$/,
    );
  });

  it('names a missing charm and what to give instead', async () => {
    const missing = join(root, 'nowhere.charm');
    await assert.rejects(
      readCharmSource(missing),
      /^ProtocolError: charm directory ".*nowhere\.charm" not found; give the path of a directory holding metadata\.yaml or charmcraft\.yaml, or of a \.charm file made by "charmcraft pack"$/,
    );
    await assert.rejects(
      readCharmArchive(missing),
      /^ProtocolError: charm archive ".*nowhere\.charm" not found; give the path of a \.charm file made by "charmcraft pack"$/,
    );
  });
});
