/**
 * Errors on the wire: every failed call answers `{code, message}` with an HTTP status chosen by
 * the code, 4xx for anything the caller can fix.
 */
import type { RefusalCode } from '@loom/core';

/** Codes of the API's own failures, plus core's refusal codes passed through. */
export type ApiErrorCode =
  | RefusalCode
  | 'bad-request'
  | 'unauthorized'
  | 'method-not-allowed'
  | 'unknown-method'
  | 'payload-too-large'
  | 'conflict'
  | 'model-not-found'
  | 'internal';

/** The body of every failed call. */
export interface ApiErrorBody {
  readonly code: ApiErrorCode;
  readonly message: string;
}

const STATUS: Record<ApiErrorCode, number> = {
  'bad-request': 400,
  'not-valid': 400,
  'not-supported': 400,
  ambiguous: 400,
  'quota-limit-exceeded': 400,
  unauthorized: 401,
  'permission-denied': 403,
  'not-found': 404,
  'model-not-found': 404,
  'unknown-method': 404,
  'method-not-allowed': 405,
  'already-exists': 409,
  'not-alive': 409,
  'has-subordinates': 409,
  conflict: 409,
  'payload-too-large': 413,
  internal: 500,
};

/** The HTTP status a failure is answered with. */
export function httpStatusOf(code: ApiErrorCode): number {
  return STATUS[code];
}

/** Whether a value is an error body. */
export function isApiErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const { code, message } = value as Record<string, unknown>;
  return typeof code === 'string' && code in STATUS && typeof message === 'string';
}
