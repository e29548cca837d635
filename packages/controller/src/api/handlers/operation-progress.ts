/** An agent reporting an exec or action run: started, then finished with its results. */
import { commitHook } from '@loom/core';
import type { HookCommit } from '@loom/core';
import type { OperationDocument } from '@loom/protocol';

import { extrasOnly } from '../../model/mutation.js';
import type { ModelView, Planned } from '../../model/mutation.js';

function openOperation(
  view: ModelView,
  unit: string,
  id: number,
  expected: readonly OperationDocument['status'][],
):
  | OperationDocument
  | { readonly ok: false; readonly code: 'not-found' | 'not-valid'; readonly message: string } {
  const operation = view.openOperations.get(id);
  if (operation?.unit !== unit)
    return {
      ok: false,
      code: 'not-found',
      message: `operation ${id} is not open on unit "${unit}"`,
    };
  if (!expected.includes(operation.status))
    return { ok: false, code: 'not-valid', message: `operation ${id} is ${operation.status}` };
  return operation;
}

/** pending → running. */
export function startOperation(
  view: ModelView,
  unit: string,
  id: number,
  now: string,
): Planned<undefined> {
  const operation = openOperation(view, unit, id, ['pending']);
  if ('ok' in operation) return operation;
  return extrasOnly(view.state, undefined, {
    operations: [{ ...operation, status: 'running', startedAt: now }],
  });
}

/** pending or running → completed or failed, with the results. */
export function finishOperation(
  view: ModelView,
  report: {
    readonly unit: string;
    readonly id: number;
    readonly status: 'completed' | 'failed';
    readonly results: Readonly<Record<string, unknown>>;
    readonly message: string;
    /** The run's writes, applied with Juju's permission checks in the same transaction. */
    readonly commit?: HookCommit | undefined;
  },
  now: string,
): Planned<undefined> {
  const operation = openOperation(view, report.unit, report.id, ['pending', 'running']);
  if ('ok' in operation) return operation;
  const written = report.commit === undefined ? undefined : commitHook(view.state, report.commit);
  if (written?.ok === false) return written;
  return {
    ok: true,
    state: written?.state ?? view.state,
    changes: written?.changes ?? [],
    value: undefined,
    operations: [
      {
        ...operation,
        status: report.status,
        results: report.results,
        message: report.message,
        startedAt: operation.startedAt ?? now,
        completedAt: now,
      },
    ],
  };
}
