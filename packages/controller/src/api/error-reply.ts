/**
 * Translating a failure into the wire error once, at the boundary: errors that carry an API code
 * keep it, store failures map to theirs, anything else is an internal error.
 */
import { httpStatusOf, ProtocolError } from '@loom/protocol';
import type { ApiErrorBody, ApiErrorCode } from '@loom/protocol';
import { StoreError } from '@loom/store';

import { ControllerError } from '../controller-error.js';

/** The HTTP status and body to answer a failure with, and whether it is a server fault. */
export function errorReply(error: unknown): {
  readonly status: number;
  readonly body: ApiErrorBody;
  readonly internal: boolean;
} {
  const known = codeOf(error);
  const code: ApiErrorCode = known ?? 'internal';
  const message = error instanceof Error ? error.message : String(error);
  return {
    status: httpStatusOf(code),
    body: { code, message: known === undefined ? `internal error: ${message}` : message },
    internal: code === 'internal',
  };
}

function codeOf(error: unknown): ApiErrorCode | undefined {
  if (error instanceof ControllerError || error instanceof ProtocolError) return error.code;
  if (error instanceof StoreError) {
    switch (error.code) {
      case 'model-not-found':
      case 'already-exists':
      case 'conflict':
        return error.code;
      default:
        return undefined;
    }
  }
  return undefined;
}
