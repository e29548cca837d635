/**
 * The metadata files of an uploaded charm (metadata.yaml, charmcraft.yaml, config.yaml,
 * actions.yaml) as text, for core's loader: what the CLI checks before sending a charm and the
 * controller checks again when it receives one.
 */
import { CHARM_FILE_NAMES } from '@loom/core';
import type { CharmFiles } from '@loom/core';

import type { CharmFileDocument } from './api/replies.js';

/** The texts of the charm's metadata files among `files`. */
export function charmMetadataFiles(files: readonly CharmFileDocument[]): CharmFiles {
  const metadataFiles: CharmFiles = {};
  for (const name of CHARM_FILE_NAMES) {
    const file = files.find((candidate) => candidate.path === name);
    if (file !== undefined)
      metadataFiles[name] = Buffer.from(file.content, 'base64').toString('utf8');
  }
  return metadataFiles;
}
