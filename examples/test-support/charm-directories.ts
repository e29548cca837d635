/**
 * Where the example charms are on disk, for their tests compiled to examples/dist/: each test
 * loads its charm's metadata from the charm's own directory, as a deploy does.
 */
import { fileURLToPath } from 'node:url';

/** The directory of the example charm `name` (examples/charms/<name>). */
export function exampleCharmDirectory(name: string): string {
  return fileURLToPath(new URL(`../../charms/${name}`, import.meta.url));
}
