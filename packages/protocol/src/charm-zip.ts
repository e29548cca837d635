/**
 * Packed charms (`.charm` files, zip archives as `charmcraft pack` makes them) read into the
 * files a deploy uploads, with Node's own zlib: the end-of-central-directory record (zip64 too),
 * the central directory, each entry's local header, stored or deflated data checked against its
 * CRC-32. Modes come from the Unix attributes the packer recorded. Every entry is checked before
 * a byte is inflated: paths escaping the charm, sizes past MAX_CHARM_BYTES, encryption, other
 * methods. Links are followed inside the archive, as readCharmFiles follows them on disk.
 */
import { readFile, stat } from 'node:fs/promises';
import { crc32, inflateRawSync } from 'node:zlib';

import type { CharmFileDocument } from './api/replies.js';
import { MAX_CHARM_BYTES } from './charm-upload.js';
import { ProtocolError } from './protocol-error.js';
import {
  CENTRAL_ENTRY,
  DEFLATED,
  END_OF_CENTRAL_DIRECTORY,
  LOCAL_ENTRY,
  MAX_32,
  S_IFDIR,
  S_IFLNK,
  S_IFMT,
  STORED,
  UNIX_HOST,
  ZIP64_END_LOCATOR,
  ZIP64_END_OF_CENTRAL_DIRECTORY,
  ZIP64_EXTRA,
} from './zip-format.js';

const ENCRYPTED_FLAG = 0x1;
const MIB = 1024 * 1024;
/** Links followed while resolving one path before it counts as a loop (Linux's MAXSYMLINKS). */
const MAX_LINK_HOPS = 40;
/** Paths visited through links before the archive counts as a link bomb. */
const MAX_LINKED_PATHS = 100_000;

/** One entry of the central directory; `path` has no trailing slash, even for a directory. */
interface ZipEntry {
  readonly path: string;
  readonly kind: 'file' | 'directory' | 'link';
  readonly method: number;
  readonly flags: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localHeader: number;
  readonly mode: number;
}

/** A regular file of the archive, with its unpacked size. */
interface StoredFile {
  readonly document: CharmFileDocument;
  readonly size: number;
}

/**
 * Reads a packed charm: every file in the archive with its mode and base64 content, sorted by
 * path like readCharmFiles. Modes are the Unix ones the packer recorded; archives made without
 * them get 0o644, and 0o755 for `dispatch` and `hooks/*`. Links are followed when they stay in
 * the archive, and a link to nothing is skipped, as readCharmFiles does on disk.
 *
 * @throws ProtocolError (`not-valid`) naming the archive and what to do, when it is missing, not
 *   a zip, larger than MAX_CHARM_BYTES unpacked, has entries or links outside the charm, duplicate
 *   paths, encrypted or damaged entries, compression other than stored or deflated, or no
 *   metadata.yaml nor charmcraft.yaml at its root.
 * @example
 * const files = await readCharmArchive('db_ubuntu-22.04-amd64.charm');
 */
export async function readCharmArchive(file: string): Promise<CharmFileDocument[]> {
  const info = await stat(file).catch(() => undefined);
  if (info?.isFile() !== true) {
    throw new ProtocolError(
      'not-valid',
      `charm archive "${file}" not found; give the path of a .charm file made by "charmcraft pack"`,
    );
  }
  if (info.size > MAX_CHARM_BYTES) {
    refuse(
      file,
      `is larger than ${MAX_CHARM_BYTES / MIB} MiB; remove build artefacts and repack it`,
    );
  }
  const archive = await readFile(file);
  const entries = centralDirectory(file, archive);
  const declared = checkEntries(file, entries);
  const files = new Map<string, StoredFile>();
  const links = new Map<string, string>();
  for (const entry of entries) {
    if (entry.kind === 'directory') continue;
    const data = entryData(file, archive, entry);
    if (entry.kind === 'link') links.set(entry.path, data.toString('utf8'));
    else {
      const document = { path: entry.path, mode: entry.mode, content: data.toString('base64') };
      files.set(entry.path, { document, size: data.length });
    }
  }
  const result = [...files.values()].map((stored) => stored.document);
  result.push(...followLinks(file, entries, files, links, declared));
  if (!result.some((found) => found.path === 'metadata.yaml' || found.path === 'charmcraft.yaml')) {
    refuse(
      file,
      'has no metadata.yaml or charmcraft.yaml at its root; was it packed from the charm\'s parent directory? Run "charmcraft pack" in the charm directory',
    );
  }
  return result.sort((a, b) => (a.path < b.path ? -1 : 1));
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
  let { count, offset } = zip64Directory(file, archive, end) ?? {
    count: archive.readUInt16LE(end + 10),
    offset: archive.readUInt32LE(end + 16),
  };
  const entries: ZipEntry[] = [];
  for (; count > 0; count -= 1) {
    if (offset + 46 > archive.length || archive.readUInt32LE(offset) !== CENTRAL_ENTRY) {
      notZip(file);
    }
    const madeBy = archive.readUInt16LE(offset + 4);
    const nameEnd = offset + 46 + archive.readUInt16LE(offset + 28);
    const extraEnd = nameEnd + archive.readUInt16LE(offset + 30);
    if (extraEnd > archive.length) notZip(file);
    const name = archive.toString('utf8', offset + 46, nameEnd);
    const sizes = zip64Sizes(archive.subarray(nameEnd, extraEnd), {
      size: archive.readUInt32LE(offset + 24),
      compressedSize: archive.readUInt32LE(offset + 20),
      localHeader: archive.readUInt32LE(offset + 42),
    });
    // The upper half of the external attributes is a Unix st_mode when the host is Unix.
    const unixMode = madeBy >> 8 === UNIX_HOST ? archive.readUInt32LE(offset + 38) >>> 16 : 0;
    const path = name.endsWith('/') ? name.slice(0, -1) : name;
    const type = unixMode & S_IFMT;
    entries.push({
      path,
      kind:
        name.endsWith('/') || type === S_IFDIR ? 'directory' : type === S_IFLNK ? 'link' : 'file',
      flags: archive.readUInt16LE(offset + 8),
      method: archive.readUInt16LE(offset + 10),
      crc: archive.readUInt32LE(offset + 16),
      ...sizes,
      mode: (unixMode & 0o7777) !== 0 ? unixMode & 0o7777 : defaultMode(path),
    });
    offset = extraEnd + archive.readUInt16LE(offset + 32);
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

/** The entry count and directory offset of the zip64 record, when the archive has one. */
function zip64Directory(
  file: string,
  archive: Buffer,
  end: number,
): { count: number; offset: number } | undefined {
  const locator = end - 20;
  if (locator < 0 || archive.readUInt32LE(locator) !== ZIP64_END_LOCATOR) return undefined;
  const record = Number(archive.readBigUInt64LE(locator + 8));
  if (record + 56 > locator || archive.readUInt32LE(record) !== ZIP64_END_OF_CENTRAL_DIRECTORY) {
    notZip(file);
  }
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
    const length = extra.readUInt16LE(offset + 2);
    if (extra.readUInt16LE(offset) === ZIP64_EXTRA) {
      // The field holds only the saturated values, in this order.
      let at = offset + 4;
      for (const key of ['size', 'compressedSize', 'localHeader'] as const) {
        if (result[key] !== MAX_32 || at + 8 > offset + 4 + length) continue;
        result[key] = Number(extra.readBigUInt64LE(at));
        at += 8;
      }
    }
    offset += 4 + length;
  }
  return result;
}

/** Permission bits for an entry the packer recorded none for (a charm packed off Unix). */
function defaultMode(path: string): number {
  return path === 'dispatch' || path.startsWith('hooks/') ? 0o755 : 0o644;
}

/**
 * Refuses what can be seen without unpacking anything: paths, encryption, methods, and the
 * declared sizes together. Returns the declared total.
 */
function checkEntries(file: string, entries: readonly ZipEntry[]): number {
  const kinds = new Map<string, ZipEntry['kind']>();
  let total = 0;
  for (const entry of entries) {
    const parts = entry.path.split('/');
    if (entry.path.startsWith('/') || entry.path.includes('\\') || parts.some(isNotAName)) {
      refuse(file, `holds an entry outside the charm, "${entry.path}"; repack it with charmcraft`);
    }
    if (kinds.has(entry.path))
      refuse(file, `holds "${entry.path}" twice; repack it with charmcraft`);
    kinds.set(entry.path, entry.kind);
    if (entry.kind === 'directory') continue;
    if ((entry.flags & ENCRYPTED_FLAG) !== 0) {
      refuse(file, `holds an encrypted entry, "${entry.path}"; pack it again without a password`);
    }
    if (entry.method !== STORED && entry.method !== DEFLATED) {
      refuse(
        file,
        `compresses "${entry.path}" with method ${entry.method}; only stored and deflated entries are read, as "charmcraft pack" writes them`,
      );
    }
    total += entry.size;
  }
  if (total > MAX_CHARM_BYTES) {
    refuse(
      file,
      `holds more than ${MAX_CHARM_BYTES / MIB} MiB once unpacked; remove build artefacts`,
    );
  }
  for (const [path] of kinds) {
    for (let slash = path.indexOf('/'); slash !== -1; slash = path.indexOf('/', slash + 1)) {
      const kind = kinds.get(path.slice(0, slash));
      if (kind !== undefined && kind !== 'directory') {
        refuse(file, `holds "${path}" under the ${kind} "${path.slice(0, slash)}"; repack it`);
      }
    }
  }
  return total;
}

function isNotAName(part: string): boolean {
  return part === '' || part === '.' || part === '..';
}

/** The entry's data, inflated no further than its recorded size and checked against its CRC. */
function entryData(file: string, archive: Buffer, entry: ZipEntry): Buffer {
  const header = entry.localHeader;
  if (header + 30 > archive.length || archive.readUInt32LE(header) !== LOCAL_ENTRY) notZip(file);
  const start = header + 30 + archive.readUInt16LE(header + 26) + archive.readUInt16LE(header + 28);
  const packed = archive.subarray(start, start + entry.compressedSize);
  if (packed.length !== entry.compressedSize) notZip(file);
  let data = packed;
  if (entry.method === DEFLATED) {
    try {
      data = inflateRawSync(packed, { maxOutputLength: Math.max(1, entry.size) });
    } catch (error) {
      const tooLarge = (error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE';
      refuse(
        file,
        `has a damaged entry, "${entry.path}" (${tooLarge ? 'it unpacks to more than its recorded size' : 'its data does not inflate'}); pack it again`,
      );
    }
  }
  if (data.length !== entry.size || crc32(data) !== entry.crc) {
    refuse(
      file,
      `has a damaged entry, "${entry.path}" (its checksum does not match); pack it again`,
    );
  }
  return data;
}

/**
 * The files seen through the archive's links, as readCharmFiles sees them on disk: a link to a
 * file is a copy of it, a link to a directory holds copies of everything under it.
 */
function followLinks(
  file: string,
  entries: readonly ZipEntry[],
  files: ReadonlyMap<string, StoredFile>,
  links: ReadonlyMap<string, string>,
  declared: number,
): CharmFileDocument[] {
  const children = childNames(entries);
  const followed: CharmFileDocument[] = [];
  let total = declared;
  let visits = 0;
  const visit = (path: string): void => {
    visits += 1;
    if (visits > MAX_LINKED_PATHS) {
      refuse(
        file,
        `holds links leading to more than ${MAX_LINKED_PATHS} paths; pack files instead`,
      );
    }
    const real = realPath(file, path, links);
    const target = files.get(real);
    if (target !== undefined) {
      total += target.size;
      if (total > MAX_CHARM_BYTES) {
        refuse(file, `holds more than ${MAX_CHARM_BYTES / MIB} MiB once its links are followed`);
      }
      followed.push({ ...target.document, path });
      return;
    }
    const names = children.get(real);
    if (names === undefined) return; // a link to nothing is skipped, as readCharmFiles skips it
    const parts = path.split('/');
    for (let depth = 0; depth < parts.length; depth += 1) {
      if (realPath(file, parts.slice(0, depth).join('/'), links) === real) {
        refuse(file, `holds links that loop at "${path}"; replace them with the files they name`);
      }
    }
    for (const name of names) visit(`${path}/${name}`);
  };
  for (const [path] of links) visit(path);
  return followed;
}

/** The names in each directory of the archive, the root being "". */
function childNames(entries: readonly ZipEntry[]): Map<string, Set<string>> {
  const children = new Map<string, Set<string>>([['', new Set()]]);
  for (const { path } of entries) {
    const parts = path.split('/');
    for (let depth = 0; depth < parts.length; depth += 1) {
      const directory = parts.slice(0, depth).join('/');
      const names = children.get(directory) ?? new Set<string>();
      names.add(parts[depth] ?? '');
      children.set(directory, names);
    }
  }
  return children;
}

/** Where `path` leads in the archive once every link on the way is followed. */
function realPath(file: string, path: string, links: ReadonlyMap<string, string>): string {
  const pending = path === '' ? [] : path.split('/');
  const resolved: string[] = [];
  let hops = 0;
  let link = '';
  for (let part = pending.shift(); part !== undefined; part = pending.shift()) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      // Entry paths hold no "..", so only a link's target can climb out of the root.
      if (resolved.pop() === undefined) outside(file, link, links);
      continue;
    }
    resolved.push(part);
    const target = links.get(resolved.join('/'));
    if (target === undefined) continue;
    // Blame the first link on the way: later ones may lead out only when reached through it.
    if (hops === 0) link = resolved.join('/');
    hops += 1;
    if (hops > MAX_LINK_HOPS) {
      refuse(file, `holds links that loop at "${path}"; replace them with the files they name`);
    }
    if (target.startsWith('/')) outside(file, link, links);
    resolved.pop();
    pending.unshift(...target.split('/'));
  }
  return resolved.join('/');
}

function outside(file: string, link: string, links: ReadonlyMap<string, string>): never {
  refuse(
    file,
    `holds a link pointing outside the charm, "${link}" -> "${links.get(link) ?? ''}"; pack the file it points to instead`,
  );
}
