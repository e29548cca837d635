/**
 * Packed charms (`.charm` files, zip archives as `charmcraft pack` makes them) read into the
 * files a deploy uploads, with Node's own zlib: the end-of-central-directory record, the central
 * directory, each entry's local header, stored or deflated data checked against its CRC-32.
 * Modes come from the Unix attributes the packer recorded. Everything is checked before a byte is
 * inflated: entries escaping the charm, sizes past MAX_CHARM_BYTES, encryption, odd methods.
 */
import { readFile, stat } from 'node:fs/promises';
import { crc32, inflateRawSync } from 'node:zlib';

import type { CharmFileDocument } from './api/replies.js';
import { MAX_CHARM_BYTES, readCharmFiles } from './charm-upload.js';
import { ProtocolError } from './protocol-error.js';

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const ZIP64_END_LOCATOR = 0x07064b50;
const CENTRAL_ENTRY = 0x02014b50;
const LOCAL_ENTRY = 0x04034b50;
const UNIX_HOST = 3;
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const S_IFDIR = 0o040000;

/** One entry of the central directory. */
interface ZipEntry {
  readonly path: string;
  readonly method: number;
  readonly flags: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localHeader: number;
  /** The Unix mode, or undefined when the packer recorded none. */
  readonly unixMode: number | undefined;
}

/**
 * Reads a charm directory or a packed charm.
 *
 * @throws ProtocolError (`not-valid`) naming the path when it is missing or not a charm.
 */
export async function readCharmSource(path: string): Promise<CharmFileDocument[]> {
  const info = await stat(path).catch(() => undefined);
  if (info?.isFile() === true) return readCharmArchive(path);
  return readCharmFiles(path);
}

/**
 * Reads a packed charm.
 *
 * @throws ProtocolError (`not-valid`) naming the archive and what to do about it.
 */
export async function readCharmArchive(file: string): Promise<CharmFileDocument[]> {
  const info = await stat(file);
  if (info.size > MAX_CHARM_BYTES)
    refuse(file, `is larger than ${MAX_CHARM_BYTES / 1024 / 1024} MiB`);
  const archive = await readFile(file);
  const entries = centralDirectory(file, archive);
  let total = 0;
  for (const entry of entries) total += entry.size;
  if (total > MAX_CHARM_BYTES) {
    refuse(file, `holds more than ${MAX_CHARM_BYTES / 1024 / 1024} MiB once unpacked`);
  }
  const files: CharmFileDocument[] = [];
  const seen = new Set<string>();
  for (const entry of entries) {
    if (entry.path.endsWith('/') || ((entry.unixMode ?? 0) & S_IFMT) === S_IFDIR) continue;
    checkPath(file, entry.path);
    if (seen.has(entry.path)) refuse(file, `holds "${entry.path}" twice`);
    seen.add(entry.path);
    if (((entry.unixMode ?? 0) & S_IFMT) === S_IFLNK) {
      refuse(file, `holds a symbolic link, "${entry.path}"; pack the file it points to instead`);
    }
    const content = entryData(file, archive, entry);
    files.push({
      path: entry.path,
      mode: modeOf(entry),
      content: content.toString('base64'),
    });
  }
  if (!seen.has('metadata.yaml') && !seen.has('charmcraft.yaml')) {
    refuse(
      file,
      'has no metadata.yaml or charmcraft.yaml at its root; was it packed from the directory above the charm?',
    );
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : 1));
}

function refuse(file: string, problem: string): never {
  throw new ProtocolError('not-valid', `charm archive "${file}" ${problem}`);
}

function notZip(file: string): never {
  throw new ProtocolError(
    'not-valid',
    `"${file}" is not a charm archive (zip); pack it with "charmcraft pack" or deploy the charm directory`,
  );
}

/** The entries listed by the archive's central directory. */
function centralDirectory(file: string, archive: Buffer): ZipEntry[] {
  const end = findEndRecord(archive);
  if (end === undefined) notZip(file);
  let count = archive.readUInt16LE(end + 10);
  let offset = archive.readUInt32LE(end + 16);
  if (offset === 0xffffffff || count === 0xffff) {
    ({ count, offset } = zip64Directory(file, archive, end));
  }
  const entries: ZipEntry[] = [];
  for (let index = 0; index < count; index += 1) {
    if (offset + 46 > archive.length || archive.readUInt32LE(offset) !== CENTRAL_ENTRY)
      notZip(file);
    const madeBy = archive.readUInt16LE(offset + 4);
    const nameLength = archive.readUInt16LE(offset + 28);
    const extraLength = archive.readUInt16LE(offset + 30);
    const commentLength = archive.readUInt16LE(offset + 32);
    const external = archive.readUInt32LE(offset + 38);
    const name = archive.toString('utf8', offset + 46, offset + 46 + nameLength);
    const sizes = zip64Sizes(
      archive.subarray(offset + 46 + nameLength, offset + 46 + nameLength + extraLength),
      {
        size: archive.readUInt32LE(offset + 24),
        compressedSize: archive.readUInt32LE(offset + 20),
        localHeader: archive.readUInt32LE(offset + 42),
      },
    );
    entries.push({
      path: name,
      flags: archive.readUInt16LE(offset + 8),
      method: archive.readUInt16LE(offset + 10),
      crc: archive.readUInt32LE(offset + 16),
      ...sizes,
      unixMode: madeBy >> 8 === UNIX_HOST && external >>> 16 !== 0 ? external >>> 16 : undefined,
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Where the end-of-central-directory record starts (it may be followed by a comment). */
function findEndRecord(archive: Buffer): number | undefined {
  const earliest = Math.max(0, archive.length - 22 - 0xffff);
  for (let offset = archive.length - 22; offset >= earliest; offset -= 1) {
    if (archive.readUInt32LE(offset) === END_OF_CENTRAL_DIRECTORY) return offset;
  }
  return undefined;
}

function zip64Directory(
  file: string,
  archive: Buffer,
  end: number,
): { count: number; offset: number } {
  const locator = end - 20;
  if (locator < 0 || archive.readUInt32LE(locator) !== ZIP64_END_LOCATOR) notZip(file);
  const record = Number(archive.readBigUInt64LE(locator + 8));
  if (record + 56 > archive.length) notZip(file);
  return {
    count: Number(archive.readBigUInt64LE(record + 32)),
    offset: Number(archive.readBigUInt64LE(record + 48)),
  };
}

/** Sizes and offset, taken from the zip64 extra field where the 32-bit ones are saturated. */
function zip64Sizes(
  extra: Buffer,
  sizes: { size: number; compressedSize: number; localHeader: number },
): { size: number; compressedSize: number; localHeader: number } {
  const result = { ...sizes };
  for (let offset = 0; offset + 4 <= extra.length;) {
    const id = extra.readUInt16LE(offset);
    const length = extra.readUInt16LE(offset + 2);
    if (id === 0x0001) {
      let at = offset + 4;
      for (const key of ['size', 'compressedSize', 'localHeader'] as const) {
        if (result[key] !== 0xffffffff || at + 8 > offset + 4 + length) continue;
        result[key] = Number(extra.readBigUInt64LE(at));
        at += 8;
      }
    }
    offset += 4 + length;
  }
  return result;
}

function checkPath(file: string, path: string): void {
  const parts = path.split('/');
  if (path.startsWith('/') || path.includes('\\') || parts.includes('..') || parts.includes('')) {
    refuse(file, `holds an entry outside the charm, "${path}"; repack it with charmcraft`);
  }
}

function entryData(file: string, archive: Buffer, entry: ZipEntry): Buffer {
  if ((entry.flags & 0x1) !== 0) refuse(file, `holds an encrypted entry, "${entry.path}"`);
  const header = entry.localHeader;
  if (header + 30 > archive.length || archive.readUInt32LE(header) !== LOCAL_ENTRY) notZip(file);
  const start = header + 30 + archive.readUInt16LE(header + 26) + archive.readUInt16LE(header + 28);
  const stored = archive.subarray(start, start + entry.compressedSize);
  if (stored.length !== entry.compressedSize) notZip(file);
  let data: Buffer;
  if (entry.method === 0) data = stored;
  else if (entry.method === 8) {
    try {
      data = inflateRawSync(stored, { maxOutputLength: Math.max(1, entry.size) });
    } catch {
      refuse(file, `has a damaged entry, "${entry.path}"`);
    }
  } else {
    refuse(
      file,
      `compresses "${entry.path}" with method ${entry.method}; only stored and deflated entries are read`,
    );
  }
  if (data.length !== entry.size || crc32(data) !== entry.crc) {
    refuse(file, `has a damaged entry, "${entry.path}" (its checksum does not match)`);
  }
  return data;
}

/** The entry's permission bits; without Unix attributes, hooks and dispatch are executable. */
function modeOf(entry: ZipEntry): number {
  if (entry.unixMode !== undefined) return entry.unixMode & 0o7777;
  return entry.path === 'dispatch' || entry.path.startsWith('hooks/') ? 0o755 : 0o644;
}
