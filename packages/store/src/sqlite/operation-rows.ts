/** Operation records (exec and action runs) to and from their rows. */
import type { OperationDocument } from '@loom/protocol';

/** An `operations` row. */
export interface OperationRow {
  id: number;
  unit: string;
  kind: OperationDocument['kind'];
  name: string;
  params: string;
  status: OperationDocument['status'];
  message: string;
  results: string;
  enqueued_at: string;
  started_at: string | null;
  completed_at: string | null;
}

/** The columns after `model_id`, in table order. */
export function operationValues(operation: OperationDocument): unknown[] {
  return [
    operation.id,
    operation.unit,
    operation.kind,
    operation.name,
    JSON.stringify(operation.params),
    operation.status,
    operation.message,
    JSON.stringify(operation.results),
    operation.enqueuedAt,
    operation.startedAt,
    operation.completedAt,
  ];
}

/** A row as an operation document. */
export function operationOfRow(row: OperationRow): OperationDocument {
  return {
    id: row.id,
    unit: row.unit,
    kind: row.kind,
    name: row.name,
    params: JSON.parse(row.params) as Record<string, unknown>,
    status: row.status,
    message: row.message,
    results: JSON.parse(row.results) as Record<string, unknown>,
    enqueuedAt: row.enqueued_at,
    startedAt: row.started_at,
    completedAt: row.completed_at,
  };
}
