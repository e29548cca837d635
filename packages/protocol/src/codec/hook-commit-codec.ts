/**
 * A hook's commit as JSON (DESIGN "Data flow" 4): the bag writes, charm state and port requests a
 * successful hook buffered. The controller re-checks every write (R4.8) before applying it.
 */
import type { HookCommit, OpenedPort } from '@loom/core';
import { z } from 'zod';

import { relationId } from '../schemas/names.js';
import { decodeOwner } from './entity-codec.js';
import { objectToMap } from './plain-maps.js';

const settings = z.record(z.string().min(1), z.string());

export const openedPortDocument = z
  .strictObject({
    endpoint: z.string(),
    protocol: z.enum(['tcp', 'udp', 'icmp']),
    from: z.number().int().min(0).max(65535),
    to: z.number().int().min(0).max(65535),
  })
  .refine(
    (port) =>
      port.protocol === 'icmp'
        ? port.from === 0 && port.to === 0
        : port.from >= 1 && port.from <= port.to,
    {
      message: 'expected ports 1-65535 with from <= to (icmp takes no port: from = to = 0)',
    },
  );

export const hookCommitDocument = z.strictObject({
  relationSettings: z.array(
    z.strictObject({
      relationId,
      owner: z.strictObject({ kind: z.enum(['application', 'unit']), name: z.string().min(1) }),
      settings,
    }),
  ),
  charmState: settings.nullable(),
  ports: z
    .strictObject({ open: z.array(openedPortDocument), close: z.array(openedPortDocument) })
    .nullable(),
  refreshAddresses: z
    .strictObject({
      ingressAddress: z.string().nullable(),
      egressSubnets: z.array(z.string()).nullable(),
    })
    .nullable(),
  leaveScope: relationId.nullable(),
  startWithoutStatus: z.boolean(),
});

/** A hook's commit as JSON; `null` where the hook had nothing of that kind. */
export type HookCommitDocument = z.infer<typeof hookCommitDocument>;

/** A commit with nothing in it, to build on. */
export const EMPTY_HOOK_COMMIT: HookCommitDocument = {
  relationSettings: [],
  charmState: null,
  ports: null,
  refreshAddresses: null,
  leaveScope: null,
  startWithoutStatus: false,
};

/** The core commit of `unit` described by a commit document. */
export function decodeHookCommit(unit: string, document: HookCommitDocument): HookCommit {
  const ports = (list: readonly OpenedPort[]) => list.map((port) => ({ ...port }));
  const addresses = document.refreshAddresses;
  return {
    unit,
    relationSettings: document.relationSettings.map((write) => ({
      relationId: write.relationId,
      owner: decodeOwner(write.owner),
      settings: objectToMap(write.settings),
    })),
    ...(document.charmState === null ? {} : { charmState: objectToMap(document.charmState) }),
    ...(document.ports === null
      ? {}
      : { ports: { open: ports(document.ports.open), close: ports(document.ports.close) } }),
    ...(addresses === null
      ? {}
      : {
          refreshAddresses: {
            ...(addresses.ingressAddress === null
              ? {}
              : { ingressAddress: addresses.ingressAddress }),
            ...(addresses.egressSubnets === null ? {} : { egressSubnets: addresses.egressSubnets }),
          },
        }),
    ...(document.leaveScope === null ? {} : { leaveScope: document.leaveScope }),
    ...(document.startWithoutStatus ? { startWithoutStatus: true } : {}),
  };
}
