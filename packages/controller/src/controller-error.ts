/**
 * The controller's errors: one base class whose `code` is the API error code the failure is
 * answered with, so handlers just throw and the server answers.
 */
import type { ApiErrorCode } from '@loom/protocol';
import type { Refusal } from '@loom/core';

/** Base of every controller error. */
export class ControllerError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Core refused an operation; the message is Juju's. */
export class OperationRefusedError extends ControllerError {
  constructor(readonly refusal: Refusal) {
    super(refusal.code, refusal.message);
  }
}

/** A charm directory or upload that cannot be deployed. */
export class CharmError extends ControllerError {
  constructor(message: string) {
    super('not-valid', message);
  }
}

/** Another controller already runs on the same home. */
export class ControllerRunningError extends ControllerError {
  constructor(
    readonly home: string,
    readonly pid: number,
  ) {
    super(
      'conflict',
      `a controller is already running in ${home} (pid ${pid}); run "loom kill-controller" to stop it, or set LOOM_HOME to use another home`,
    );
  }
}
