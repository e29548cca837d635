/**
 * Requests a unit agent makes: start, snapshots, uniter operations, hook commits and failures,
 * leadership claims, immediate writes (status, leader settings), bag reads, log records, exec and
 * action progress, and its charm. The controller re-checks every permission (R4.8): an agent's
 * word is never trusted for what it may read or write.
 */
import { z } from 'zod';

import { hookCommitDocument } from '../codec/hook-commit-codec.js';
import { hookDocument } from '../codec/hook-codec.js';
import { uniterStateDocument } from '../codec/uniter-state-codec.js';
import { applicationName, modelName, relationId, unitName } from '../schemas/names.js';
import { logLevel } from './log-requests.js';

const unitRequest = { model: modelName, unit: unitName };

export const agentStartRequest = z.strictObject(unitRequest);

/** An operation of the uniter other than running a hook (or a skipped hook, R5.23). */
export const uniterOperationDocument = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('enter-scope'),
    relationId,
    endpoint: z.string(),
    remoteApplication: z.string(),
    peer: z.boolean(),
    implicit: z.boolean(),
  }),
  z.strictObject({ kind: z.literal('leave-scope'), relationId }),
  z.strictObject({ kind: z.literal('accept-leadership') }),
  z.strictObject({ kind: z.literal('resign-leadership') }),
  z.strictObject({ kind: z.literal('destroy-subordinates') }),
  z.strictObject({ kind: z.literal('destroy-self') }),
  z.strictObject({ kind: z.literal('set-dead') }),
  z.strictObject({ kind: z.literal('run-hook'), hook: hookDocument, skip: z.literal(true) }),
]);

/** A uniter operation as JSON. */
export type UniterOperationDocument = z.infer<typeof uniterOperationDocument>;

export const agentRunOperationRequest = z.strictObject({
  ...unitRequest,
  operation: uniterOperationDocument,
  /** The unit's uniter state after the operation, stored in the same transaction. */
  uniterState: uniterStateDocument,
  /** For `enter-scope`: the address the unit's initial bag gets (R3.4). */
  ingressAddress: z.string().optional(),
});

export const agentCommitHookRequest = z.strictObject({
  ...unitRequest,
  hook: hookDocument,
  commit: hookCommitDocument,
  uniterState: uniterStateDocument,
});

export const agentFailHookRequest = z.strictObject({
  ...unitRequest,
  hook: hookDocument,
  uniterState: uniterStateDocument,
});

export const agentClaimLeadershipRequest = z.strictObject(unitRequest);

/**
 * A slot of the controller-wide limit on hooks running at once: taken to run something ("running
 * install hook", shown as the unit agent's `executing` status meanwhile), then given back.
 */
export const agentAcquireHookSlotRequest = z.strictObject({
  ...unitRequest,
  activity: z.string().optional(),
});
export const agentReleaseHookSlotRequest = z.strictObject(unitRequest);

export const agentRelationGetRequest = z.strictObject({
  ...unitRequest,
  relationId,
  owner: z.strictObject({ kind: z.enum(['application', 'unit']), name: z.string().min(1) }),
});

export const agentSetStatusRequest = z.strictObject({
  ...unitRequest,
  status: z.strictObject({ current: z.string().min(1), message: z.string() }),
  /** `status-set --application` (leader only). */
  application: z.boolean().optional(),
});

/** `application-version-set` (R7.22). */
export const agentSetWorkloadVersionRequest = z.strictObject({
  ...unitRequest,
  version: z.string(),
});

export const agentLeaderSetRequest = z.strictObject({
  ...unitRequest,
  settings: z.record(z.string().min(1), z.string()),
});

export const logRecordInput = z.strictObject({
  unit: unitName,
  /** The hook running when the record was written, or "" outside hooks. */
  hook: z.string(),
  level: logLevel,
  message: z.string(),
});

export const agentLogRequest = z.strictObject({
  model: modelName,
  records: z.array(logRecordInput).min(1).max(10_000),
});

export const agentOperationStartedRequest = z.strictObject({
  ...unitRequest,
  id: z.number().int().positive(),
});

export const agentOperationFinishedRequest = z.strictObject({
  ...unitRequest,
  id: z.number().int().positive(),
  status: z.enum(['completed', 'failed']),
  results: z.record(z.string(), z.unknown()),
  message: z.string(),
  /** What the exec or action wrote through its hook tools, committed with its results. */
  commit: hookCommitDocument.optional(),
});

export const agentCharmRequest = z.strictObject({ model: modelName, application: applicationName });
