/**
 * The protocol package's errors: a base class with a stable code, and the failures of reading a
 * request or a reply.
 */
import type { ApiErrorCode } from './api/api-error.js';

/** Base of every error this package throws; `code` is the wire code it stands for. */
export class ProtocolError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A request body that does not match its method's schema; the message names the field. */
export class RequestValidationError extends ProtocolError {
  constructor(
    readonly method: string,
    readonly field: string,
    readonly problem: string,
  ) {
    super(
      'bad-request',
      `invalid "${method}" request: ${field === '' ? 'body' : `field "${field}"`}: ${problem}`,
    );
  }
}

/** A call the controller answered with an error. */
export class ApiCallError extends ProtocolError {
  constructor(
    readonly method: string,
    readonly status: number,
    code: ApiErrorCode,
    message: string,
  ) {
    super(code, message);
  }
}

/** The controller could not be reached, or answered with something that is not the API. */
export class ControllerUnreachableError extends ProtocolError {
  constructor(message: string) {
    super('internal', message);
  }
}
