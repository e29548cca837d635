/**
 * Requests that change what a model runs: deploy, add-unit, remove-unit, remove-application,
 * integrate, remove-relation, config and resolve. Each is one core operation and one store
 * transaction on the controller.
 */
import { z } from 'zod';

import { applicationName, count, modelName, relationId, unitName } from '../schemas/names.js';

/** One file of an uploaded charm directory; content in base64. */
export const charmFile = z.strictObject({
  path: z
    .string()
    .min(1)
    .refine((path) => !path.startsWith('/') && !path.split('/').includes('..'), {
      message: 'expected a path inside the charm directory (no leading "/", no "..")',
    }),
  mode: z.number().int().min(0).max(0o7777),
  content: z.base64(),
});

/** A charm: a directory on the controller's host, or the directory's files uploaded. */
export const charmSource = z.union([
  z.strictObject({ path: z.string().min(1) }),
  z.strictObject({ files: z.array(charmFile).min(1) }),
]);

const configValue = z.union([z.string(), z.number(), z.boolean()]);
const machines = z.array(
  z.string().regex(/^(0|[1-9][0-9]*)$/, 'expected a machine id such as "3"'),
);

export const deployRequest = z.strictObject({
  model: modelName,
  application: applicationName,
  charm: charmSource,
  numUnits: count.optional(),
  config: z.record(z.string(), configValue).optional(),
  to: machines.optional(),
});

export const addUnitRequest = z.strictObject({
  model: modelName,
  application: applicationName,
  numUnits: count.optional(),
  to: machines.optional(),
});

export const removeUnitRequest = z.strictObject({
  model: modelName,
  units: z.array(unitName).min(1),
});

export const removeApplicationRequest = z.strictObject({
  model: modelName,
  application: applicationName,
});

/** Two sides; either may be an offer URL, consumed on the way (R8.2). `via`: egress CIDRs (R8.6). */
export const integrateRequest = z.strictObject({
  model: modelName,
  endpoints: z.array(z.string().min(1)).length(2),
  via: z.array(z.string().min(1)).optional(),
});

export const removeRelationRequest = z.union([
  z.strictObject({ model: modelName, endpoints: z.array(z.string().min(1)).length(2) }),
  z.strictObject({ model: modelName, relationId }),
]);

export const getConfigRequest = z.strictObject({
  model: modelName,
  application: applicationName,
});

/** Option values to set; `null` resets an option to the charm's default. */
export const setConfigRequest = z.strictObject({
  model: modelName,
  application: applicationName,
  settings: z.record(z.string(), configValue.nullable()),
});

export const resolveRequest = z.strictObject({
  model: modelName,
  unit: unitName,
  noRetry: z.boolean().optional(),
});

const sourceLocation = z.strictObject({
  file: z.string(),
  line: z.number().int().min(1),
  column: z.number().int().min(1),
});

/** A bundle as core's readBundle gives it: every part with where it was written. */
export const bundleSpec = z.strictObject({
  file: z.string().min(1),
  applications: z
    .array(
      z.strictObject({
        name: z.string().min(1),
        charm: z.string().min(1),
        numUnits: z.number().int().min(0),
        options: z.record(z.string(), configValue),
        to: z.array(z.string().min(1)).readonly(),
        at: z.strictObject({
          name: sourceLocation,
          charm: sourceLocation,
          numUnits: sourceLocation,
          options: sourceLocation,
          to: sourceLocation,
        }),
      }),
    )
    .min(1)
    .readonly(),
  machines: z.array(z.strictObject({ id: z.string().min(1), at: sourceLocation })).readonly(),
  relations: z
    .array(
      z.strictObject({
        endpoints: z.tuple([z.string().min(1), z.string().min(1)]).readonly(),
        at: sourceLocation,
      }),
    )
    .readonly(),
});

/**
 * Deploys a bundle in one transaction. `charms` holds each charm the bundle names, keyed by the
 * path as written in the bundle. With `dryRun` nothing changes and the steps are only planned.
 */
export const deployBundleRequest = z.strictObject({
  model: modelName,
  bundle: bundleSpec,
  charms: z.record(z.string(), charmSource),
  dryRun: z.boolean().optional(),
});
