/**
 * The numbers of the zip format (PKWARE's APPNOTE) that both the charm archive reader and the
 * writer use: record signatures, compression methods, the Unix host id and file type bits.
 */

export const LOCAL_ENTRY = 0x04034b50;
export const CENTRAL_ENTRY = 0x02014b50;
export const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
export const ZIP64_END_OF_CENTRAL_DIRECTORY = 0x06064b50;
export const ZIP64_END_LOCATOR = 0x07064b50;
/** The header id of the zip64 extended information extra field. */
export const ZIP64_EXTRA = 0x0001;
/** A 32-bit field at its maximum: too small for the value, which zip64 then holds. */
export const MAX_32 = 0xffffffff;
export const MAX_16 = 0xffff;
export const STORED = 0;
export const DEFLATED = 8;
/** The "made by" host that records Unix modes in the upper half of the external attributes. */
export const UNIX_HOST = 3;
export const S_IFMT = 0o170000;
export const S_IFREG = 0o100000;
export const S_IFLNK = 0o120000;
export const S_IFDIR = 0o040000;
