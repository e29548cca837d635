/**
 * Requests for work run on units outside hooks: `exec` (a command) and actions, queued as
 * operation records the units' agents pick up, and the reads of those records.
 */
import { ACTION_NAME_PATTERN } from '@loom/core';
import { z } from 'zod';

import { applicationName, modelName, unitName } from '../schemas/names.js';

export const execRequest = z
  .strictObject({
    model: modelName,
    units: z.array(unitName).optional(),
    applications: z.array(applicationName).optional(),
    command: z.string().min(1),
    /** Seconds; default 300 (Juju's `--wait 5m`). */
    timeout: z.number().positive().optional(),
  })
  .refine((request) => (request.units?.length ?? 0) + (request.applications?.length ?? 0) > 0, {
    message: 'name at least one unit or application to run on',
    path: ['units'],
  });

export const runActionRequest = z.strictObject({
  model: modelName,
  units: z.array(unitName).min(1),
  action: z.string().regex(ACTION_NAME_PATTERN, 'expected an action name such as "backup"'),
  params: z.record(z.string(), z.unknown()).optional(),
});

export const showOperationRequest = z.strictObject({
  model: modelName,
  id: z.number().int().positive(),
});

export const listOperationsRequest = z.strictObject({
  model: modelName,
  unit: unitName.optional(),
  status: z.enum(['pending', 'running', 'completed', 'failed', 'cancelled']).optional(),
});
