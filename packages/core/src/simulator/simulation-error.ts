/**
 * Errors of the simulator: a refused model operation, a model that does not settle, a misuse.
 */
import type { Refusal, RefusalCode } from '../model/refusal.js';

/** Base class of the simulator's errors. */
export class SimulationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** A model operation the simulator was asked to apply was refused; carries Juju's message. */
export class OperationRefusedError extends SimulationError {
  readonly code: RefusalCode;

  constructor(refusal: Refusal) {
    super(refusal.message);
    this.code = refusal.code;
  }
}

/** `settle` ran out of operations: something keeps producing work. */
export class NotSettledError extends SimulationError {
  readonly busyUnits: readonly string[];

  constructor(operations: number, busyUnits: readonly string[]) {
    super(
      `the model did not settle after ${operations} operations; units still busy: ${busyUnits.slice(0, 10).join(', ')}${busyUnits.length > 10 ? ', ...' : ''}`,
    );
    this.busyUnits = busyUnits;
  }
}
