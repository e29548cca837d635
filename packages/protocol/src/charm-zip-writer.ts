/**
 * Writing packed charms (`.charm` zip archives) with Node's own zlib: each file deflated (or
 * stored when deflating does not make it smaller), its CRC-32, and its Unix mode in the upper
 * half of the external attributes with "made by" Unix, so that unzip, Python's zipfile, Juju and
 * readCharmArchive give the files back with the modes they had. Plain zip (no zip64): a charm is
 * far below the format's 4 GiB and 65,535-entry limits, and an archive past them is refused.
 */
import { crc32, deflateRawSync } from 'node:zlib';

import { ProtocolError } from './protocol-error.js';
import {
  CENTRAL_ENTRY,
  DEFLATED,
  END_OF_CENTRAL_DIRECTORY,
  LOCAL_ENTRY,
  MAX_16,
  MAX_32,
  S_IFDIR,
  S_IFREG,
  STORED,
  UNIX_HOST,
} from './zip-format.js';

/** One file to put in a charm archive. */
export interface CharmArchiveFile {
  /** Its path in the archive, relative and `/`-separated: `dispatch`, `dist/charm.mjs`. */
  readonly path: string;
  /** Unix permission bits, such as 0o644 or 0o755. */
  readonly mode: number;
  /** Its content; a string is written as UTF-8. */
  readonly data: Uint8Array | string;
}

/** How to write the archive. */
export interface CharmArchiveOptions {
  /**
   * The modification time recorded for every entry (as UTC, to the 2 s the format keeps). By
   * default 1980-01-01 00:00, the earliest the format holds, so the same files give the same bytes.
   */
  readonly modified?: Date;
  /** Also write an entry (mode 0755) for each directory the files are in, as zip tools do. */
  readonly directories?: boolean;
}

/** Version 2.0 of the format: deflate and directories. */
const VERSION = 20;
/** General purpose flag bit 11: the name is UTF-8. */
const UTF8_NAMES = 0x0800;
/** The MS-DOS directory attribute, which tools not reading Unix modes look at. */
const DOS_DIRECTORY = 0x10;
const DOS_EPOCH = new Date(Date.UTC(1980, 0, 1));

/** An entry as written: its header fields and data. */
interface Entry {
  readonly name: Buffer;
  readonly method: number;
  readonly crc: number;
  readonly size: number;
  readonly packed: Buffer;
  readonly attributes: number;
}

/**
 * Writes a zip archive of `files`, in the order given (directory entries, when asked for, just
 * before the first file in them). Entries are deflated unless that does not make them smaller.
 *
 * @throws ProtocolError (`not-valid`) naming the path: one that is absolute, empty, has `.`,
 *   `..` or empty parts or a backslash, is given twice, or is also the directory of another; a
 *   mode outside 0o7777; a file of 4 GiB or more, or an archive that would need zip64.
 * @example
 * const archive = writeCharmArchive([
 *   { path: 'metadata.yaml', mode: 0o644, data: 'name: demo\nsummary: s\ndescription: d\n' },
 *   { path: 'dispatch', mode: 0o755, data: '#!/bin/sh\nexec node ./dist/charm.mjs\n' },
 * ]);
 * await writeFile('demo_ubuntu-22.04-amd64.charm', archive);
 */
export function writeCharmArchive(
  files: readonly CharmArchiveFile[],
  options: CharmArchiveOptions = {},
): Buffer {
  checkPaths(files);
  const { time, date } = dosDateTime(options.modified ?? DOS_EPOCH);
  const entries: Entry[] = [];
  const written = new Set<string>();
  for (const file of files) {
    if (options.directories === true) {
      for (const directory of parentsOf(file.path)) {
        if (written.has(directory)) continue;
        written.add(directory);
        entries.push(directoryEntry(directory));
      }
    }
    entries.push(fileEntry(file));
  }
  if (entries.length > MAX_16) {
    refuse(`${entries.length} entries are more than a zip without zip64 holds (${MAX_16})`);
  }
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const local = localHeader(entry, time, date);
    centrals.push(centralHeader(entry, time, date, offset));
    locals.push(local, entry.packed);
    offset += local.length + entry.packed.length;
  }
  const central = Buffer.concat(centrals);
  if (offset + central.length > MAX_32) {
    refuse('the archive would be 4 GiB or more, past what a zip without zip64 holds');
  }
  return Buffer.concat([...locals, central, endRecord(entries.length, central.length, offset)]);
}

function refuse(problem: string): never {
  throw new ProtocolError('not-valid', `cannot write the charm archive: ${problem}`);
}

/** Refuses paths no reader would accept, and the same path given twice or as file and directory. */
function checkPaths(files: readonly CharmArchiveFile[]): void {
  const paths = new Set<string>();
  for (const { path, mode } of files) {
    const parts = path.split('/');
    if (path.startsWith('/') || path.includes('\\') || parts.some(isNotAName)) {
      refuse(
        `"${path}" is not a relative path of plain names; give paths such as "dist/charm.mjs"`,
      );
    }
    if (Buffer.byteLength(path) > MAX_16) refuse(`the path "${path.slice(0, 40)}..." is too long`);
    if (!Number.isInteger(mode) || mode < 0 || mode > 0o7777) {
      refuse(`the mode of "${path}" is not Unix permission bits (such as 0o644)`);
    }
    if (paths.has(path)) refuse(`"${path}" is given twice; give each file once`);
    paths.add(path);
  }
  for (const path of paths) {
    const parent = parentsOf(path).find((directory) => paths.has(directory));
    if (parent !== undefined) {
      refuse(`"${parent}" is given as a file and as the directory of "${path}"`);
    }
  }
}

function isNotAName(part: string): boolean {
  return part === '' || part === '.' || part === '..';
}

/** `a/b/c` → `a`, `a/b`. */
function parentsOf(path: string): string[] {
  const parts = path.split('/');
  return parts.slice(0, -1).map((_, index) => parts.slice(0, index + 1).join('/'));
}

function fileEntry(file: CharmArchiveFile): Entry {
  const data = typeof file.data === 'string' ? Buffer.from(file.data) : Buffer.from(file.data);
  if (data.length >= MAX_32) {
    refuse(`"${file.path}" is 4 GiB or more, past what a zip without zip64 holds`);
  }
  const deflated = deflateRawSync(data);
  const method = deflated.length < data.length ? DEFLATED : STORED;
  return {
    name: Buffer.from(file.path),
    method,
    crc: crc32(data),
    size: data.length,
    packed: method === DEFLATED ? deflated : data,
    attributes: ((S_IFREG | file.mode) << 16) >>> 0,
  };
}

function directoryEntry(path: string): Entry {
  return {
    name: Buffer.from(`${path}/`),
    method: STORED,
    crc: 0,
    size: 0,
    packed: Buffer.alloc(0),
    attributes: (((S_IFDIR | 0o755) << 16) | DOS_DIRECTORY) >>> 0,
  };
}

function localHeader(entry: Entry, time: number, date: number): Buffer {
  const header = Buffer.alloc(30);
  header.writeUInt32LE(LOCAL_ENTRY, 0);
  header.writeUInt16LE(VERSION, 4);
  writeSharedFields(header, 6, entry, time, date);
  // The extra field length stays 0.
  return Buffer.concat([header, entry.name]);
}

function centralHeader(entry: Entry, time: number, date: number, offset: number): Buffer {
  const header = Buffer.alloc(46);
  header.writeUInt32LE(CENTRAL_ENTRY, 0);
  header.writeUInt16LE((UNIX_HOST << 8) | VERSION, 4);
  header.writeUInt16LE(VERSION, 6);
  writeSharedFields(header, 8, entry, time, date);
  // Extra field and comment lengths, disk number and internal attributes stay 0.
  header.writeUInt32LE(entry.attributes, 38);
  header.writeUInt32LE(offset, 42);
  return Buffer.concat([header, entry.name]);
}

/**
 * The run of fields the local and central headers have in the same order, from the flags to the
 * name length: flags, method, time, date, CRC-32, packed size, size, name length.
 */
function writeSharedFields(
  header: Buffer,
  at: number,
  entry: Entry,
  time: number,
  date: number,
): void {
  header.writeUInt16LE(UTF8_NAMES, at);
  header.writeUInt16LE(entry.method, at + 2);
  header.writeUInt16LE(time, at + 4);
  header.writeUInt16LE(date, at + 6);
  header.writeUInt32LE(entry.crc, at + 8);
  header.writeUInt32LE(entry.packed.length, at + 12);
  header.writeUInt32LE(entry.size, at + 16);
  header.writeUInt16LE(entry.name.length, at + 20);
}

function endRecord(count: number, size: number, offset: number): Buffer {
  const record = Buffer.alloc(22);
  record.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
  record.writeUInt16LE(count, 8);
  record.writeUInt16LE(count, 10);
  record.writeUInt32LE(size, 12);
  record.writeUInt32LE(offset, 16);
  return record;
}

/** MS-DOS time and date fields, from the UTC time (clamped to the years the format holds). */
function dosDateTime(when: Date): { time: number; date: number } {
  if (Number.isNaN(when.getTime())) refuse('the modification time is not a valid date');
  const clamped = Math.min(Math.max(when.getTime(), DOS_EPOCH.getTime()), Date.UTC(2107, 11, 31));
  const at = new Date(clamped);
  return {
    time: (at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | (at.getUTCSeconds() >> 1),
    date: ((at.getUTCFullYear() - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate(),
  };
}
