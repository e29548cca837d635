/**
 * A mutation: what a handler plans against the model as it is (core's result plus what the
 * controller keeps beside the entities), and what is announced once it is durable.
 */
import type { Applied, ModelChange, ModelState, Refusal, UniterState } from '@loom/core';
import type { OperationDocument } from '@loom/protocol';
import type { CharmArchive, CommitBatch, Lease, ModelRecord } from '@loom/store';

/** What a handler reads: the model and the controller's records of it. */
export interface ModelView {
  readonly record: ModelRecord;
  readonly state: ModelState;
  readonly uniterStates: ReadonlyMap<string, UniterState>;
  readonly leases: ReadonlyMap<string, Lease>;
  /** Operations pending or running, by id. */
  readonly openOperations: ReadonlyMap<number, OperationDocument>;
  readonly nextOperationId: number;
  readonly charmUrls: ReadonlySet<string>;
}

/** Writes beside the entity changes. */
export interface MutationExtras {
  readonly uniterStates?: readonly (readonly [string, UniterState | undefined])[];
  readonly leases?: readonly (readonly [string, Lease | undefined])[];
  readonly operations?: readonly OperationDocument[];
  readonly charms?: readonly CharmArchive[];
}

/** A planned mutation: core's refusal, or its result with the extras to write with it. */
export type Planned<T> = Refusal | (Applied<T> & MutationExtras);

/** Plans a mutation against the current view; called again if another writer got in first. */
export type Plan<T> = (view: ModelView) => Planned<T>;

/** A mutation made durable, as watchers hear of it. */
export interface Committed {
  readonly model: string;
  readonly revision: number;
  readonly before: ModelState;
  readonly after: ModelState;
  readonly changes: readonly ModelChange[];
  /** Units whose stored uniter state was written or forgotten. */
  readonly uniterStateUnits: readonly string[];
  /** Operations created or updated. */
  readonly operations: readonly OperationDocument[];
}

/** A plan that changes nothing but the extras. */
export function extrasOnly<T>(state: ModelState, value: T, extras: MutationExtras): Planned<T> {
  return { ok: true, state, changes: [], value, ...extras };
}

/**
 * The store batch of a planned mutation. Forgetting follows from removal: a removed unit's uniter
 * state and a removed leader's lease go in the same transaction.
 */
export function batchOf(view: ModelView, planned: Applied<unknown> & MutationExtras): CommitBatch {
  const uniterStates = new Map(planned.uniterStates ?? []);
  const leases = new Map(planned.leases ?? []);
  for (const change of planned.changes) {
    if (change.kind === 'unit' && change.unit === undefined && view.uniterStates.has(change.name))
      if (!uniterStates.has(change.name)) uniterStates.set(change.name, undefined);
    if (
      change.kind === 'leader' &&
      change.unit === undefined &&
      view.leases.has(change.application)
    )
      if (!leases.has(change.application)) leases.set(change.application, undefined);
  }
  return {
    changes: planned.changes,
    uniterStates: [...uniterStates],
    leases: [...leases],
    operations: planned.operations ?? [],
    charms: planned.charms ?? [],
  };
}

/** Whether a batch writes nothing at all. */
export function isEmptyBatch(batch: CommitBatch): boolean {
  return (
    batch.changes.length === 0 &&
    (batch.uniterStates?.length ?? 0) === 0 &&
    (batch.leases?.length ?? 0) === 0 &&
    (batch.operations?.length ?? 0) === 0 &&
    (batch.charms?.length ?? 0) === 0
  );
}
