/**
 * Test support: a schema of `juju status --format json|yaml` (Juju 3), the fields scripts read
 * (the ones Canonical's jubilant parses). Unit tests and the acceptance test check Loom's output
 * against it.
 */
import { z } from 'zod';

const statusValue = z.strictObject({
  current: z.string(),
  message: z.string().optional(),
  version: z.string().optional(),
  life: z.string().optional(),
});
const unitSchema: z.ZodType = z.lazy(() =>
  z.strictObject({
    'workload-status': statusValue,
    'juju-status': statusValue,
    leader: z.literal(true).optional(),
    machine: z.string(),
    'open-ports': z.array(z.string()).optional(),
    'public-address': z.string(),
    subordinates: z.record(z.string(), unitSchema).optional(),
  }),
);
/** The endpoints of a SAAS or an offer, by name. */
const remoteEndpoints = z.record(
  z.string(),
  z.strictObject({ interface: z.string(), role: z.string() }),
);

/** `juju status --format json` as Loom prints it: every field, nothing more. */
export const jujuStatusSchema = z.strictObject({
  model: z.strictObject({
    name: z.string(),
    type: z.literal('iaas'),
    controller: z.string(),
    cloud: z.string(),
    region: z.string(),
    version: z.string(),
    'model-status': statusValue,
    sla: z.string(),
  }),
  machines: z.record(
    z.string(),
    z.strictObject({
      'juju-status': statusValue,
      'dns-name': z.string(),
      'ip-addresses': z.array(z.string()),
      'instance-id': z.string(),
      'machine-status': statusValue,
    }),
  ),
  applications: z.record(
    z.string(),
    z.strictObject({
      charm: z.string(),
      'charm-origin': z.literal('local'),
      'charm-name': z.string(),
      'charm-rev': z.number().int(),
      scale: z.number().int(),
      exposed: z.boolean(),
      life: z.string().optional(),
      'application-status': statusValue,
      relations: z
        .record(
          z.string(),
          z.array(
            z.strictObject({
              'related-application': z.string(),
              interface: z.string(),
              scope: z.enum(['global', 'container']),
            }),
          ),
        )
        .optional(),
      'subordinate-to': z.array(z.string()).optional(),
      units: z.record(z.string(), unitSchema).optional(),
      version: z.string().optional(),
    }),
  ),
  'application-endpoints': z
    .record(
      z.string(),
      z.strictObject({
        url: z.string(),
        endpoints: remoteEndpoints,
        'application-status': statusValue,
        life: z.string().optional(),
        relations: z.record(z.string(), z.array(z.string())).optional(),
      }),
    )
    .optional(),
  offers: z
    .record(
      z.string(),
      z.strictObject({
        application: z.string(),
        charm: z.string(),
        'total-connected-count': z.number().int(),
        'active-connected-count': z.number().int(),
        endpoints: remoteEndpoints,
      }),
    )
    .optional(),
  controller: z.strictObject({ timestamp: z.string() }),
});
