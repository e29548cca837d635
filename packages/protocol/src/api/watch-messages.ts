/**
 * The watch protocol, over one WebSocket at `/api/v1/watch`. The client sends one subscription;
 * the controller answers with the current state and then pushes every change.
 *
 * - `model`: a `model` message with the whole model document, then a `delta` per commit: what
 *   `loom status --watch` follows.
 * - `unit`: a `unit` message with the unit's snapshot (R5.7), pending operations and any
 *   requested resolution, sent again whenever one of them may have changed; changes that arrive
 *   while the agent is busy coalesce into the latest message (R5.11).
 * - `debug-log`: a `log` message per batch of new records matching the filter.
 */
import { z } from 'zod';

import type { ChangeDocument } from '../codec/change-codec.js';
import type { ModelDocument } from '../codec/model-document.js';
import { modelName, unitName } from '../schemas/names.js';
import type { ApiErrorBody } from './api-error.js';
import { logFilter } from './log-requests.js';
import type { LogRecordDocument, OperationDocument } from './replies.js';

export const watchRequest = z.discriminatedUnion('watch', [
  z.strictObject({ watch: z.literal('model'), model: modelName }),
  z.strictObject({ watch: z.literal('unit'), model: modelName, unit: unitName }),
  logFilter.extend({ watch: z.literal('debug-log') }),
]);

/** A subscription. */
export type WatchRequest = z.input<typeof watchRequest>;

/** What the controller pushes. */
export type WatchMessage =
  | { readonly type: 'model'; readonly revision: number; readonly model: ModelDocument }
  | {
      readonly type: 'delta';
      readonly revision: number;
      readonly changes: readonly ChangeDocument[];
    }
  | {
      readonly type: 'unit';
      /** The model revision to decide at: the agent computes the unit's snapshot from its mirror. */
      readonly revision: number;
      /** The resolution `loom resolve` asked for, until a hook runs. */
      readonly resolution: 'retry' | 'skip' | null;
      readonly operations: readonly OperationDocument[];
    }
  | { readonly type: 'log'; readonly records: readonly LogRecordDocument[] }
  | ({ readonly type: 'error' } & ApiErrorBody);
