/**
 * Where a unit lives on its machine: `<machine dir>/<app>-<n>/` holds `charm/`, and the unit's
 * hook-tool socket sits in the machine directory (short, as unix socket paths must be).
 */
import { join } from 'node:path';

/** The paths of one unit. */
export interface UnitPaths {
  readonly directory: string;
  readonly charmDir: string;
  readonly socket: string;
}

/** The unit's paths under its machine directory. */
export function unitPaths(machineDir: string, unit: string): UnitPaths {
  const tag = unit.replace('/', '-');
  const directory = join(machineDir, tag);
  return { directory, charmDir: join(directory, 'charm'), socket: join(machineDir, `${tag}.sock`) };
}
