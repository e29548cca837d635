/**
 * Finished exec and action operations as `juju exec` and `juju run` print them with --format:
 * one entry per unit with the operation's id, status, results and, when it failed, why.
 */
import type { OperationDocument } from '@loom/protocol';

/** One unit's entry. */
export interface OperationResultDocument {
  readonly id: string;
  readonly unit: string;
  readonly status: string;
  readonly results: Readonly<Record<string, unknown>>;
  readonly message?: string;
}

/** `{ "<unit>": { id, unit, status, results, message? } }`, by unit. */
export function operationResults(
  operations: readonly OperationDocument[],
): Record<string, OperationResultDocument> {
  return Object.fromEntries(
    operations.map((operation) => [
      operation.unit,
      {
        id: String(operation.id),
        unit: operation.unit,
        status: operation.status,
        results: operation.results,
        ...(operation.message === '' ? {} : { message: operation.message }),
      },
    ]),
  );
}
