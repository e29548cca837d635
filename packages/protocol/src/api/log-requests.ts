/** Requests of the debug log: query stored records, with Juju's `debug-log` filters. */
import { z } from 'zod';

import { applicationName, modelName, unitName } from '../schemas/names.js';

export const LOG_LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL'] as const;

export const logLevel = z.enum(LOG_LEVELS);

/**
 * Which records: Juju's `--include` (units, applications), `--exclude`, `--level`, `--lines` and
 * `--replay`.
 */
export const logFilter = z.strictObject({
  model: modelName,
  units: z.array(unitName).optional(),
  applications: z.array(applicationName).optional(),
  /** Never these units, nor the units of `excludeApplications`. */
  excludeUnits: z.array(unitName).optional(),
  excludeApplications: z.array(applicationName).optional(),
  level: logLevel.optional(),
  /** The last N matching records (default 10, as `juju debug-log`); ignored with `replay`. */
  lines: z.number().int().positive().optional(),
  /** Every stored matching record. */
  replay: z.boolean().optional(),
  /** Only records after this id (to resume a stream). */
  afterId: z.number().int().nonnegative().optional(),
});

export const debugLogRequest = logFilter;
