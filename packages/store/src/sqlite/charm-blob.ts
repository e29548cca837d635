/** A charm's files as one gzipped JSON blob, the form the `charms` table keeps them in. */
import { gunzipSync, gzipSync } from 'node:zlib';

import type { CharmFileDocument } from '@loom/protocol';

/** Files to a blob. */
export function packCharm(files: readonly CharmFileDocument[]): Buffer {
  return gzipSync(JSON.stringify(files));
}

/** A blob to files. */
export function unpackCharm(blob: Buffer): CharmFileDocument[] {
  return JSON.parse(gunzipSync(blob).toString('utf8')) as CharmFileDocument[];
}
