/**
 * One model, held in memory by the controller: mutations are planned against it one at a time,
 * written to the store in one transaction against the model's revision, and only then applied in
 * memory and announced (DESIGN "Data flow" 1: nothing is acknowledged before it is durable).
 */
import type { UniterState } from '@loom/core';
import { isOpenOperation } from '@loom/protocol';
import { RevisionConflictError } from '@loom/store';
import type { CommitBatch, Lease, LoadedModel, Store } from '@loom/store';

import { OperationRefusedError } from '../controller-error.js';
import { batchOf, isEmptyBatch } from './mutation.js';
import type { Committed, ModelView, Plan } from './mutation.js';

/** How many times a mutation is re-planned after losing a revision race. */
const RETRIES = 5;

/** Listens to durable mutations. */
export type CommitListener = (committed: Committed) => void;

/** A model in the controller's memory. */
export class ModelHost {
  private current: ModelView;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<CommitListener>();

  /**
   * @param report Told of a listener that threw; the commit stands (it is durable already).
   */
  constructor(
    private readonly store: Store,
    loaded: LoadedModel,
    private readonly report: (error: unknown) => void,
  ) {
    this.current = viewOf(loaded);
  }

  /** The model's name. */
  get name(): string {
    return this.current.record.name;
  }

  /** The model as last committed. */
  get view(): ModelView {
    return this.current;
  }

  /** Subscribes to durable mutations; returns the unsubscribe function. */
  onCommit(listener: CommitListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Commits a mutation as `mutate` does and answers a revision that holds it, so an agent can
   * wait for its watches to reach its own write.
   */
  async mutateToRevision(plan: Plan<unknown>): Promise<{ revision: number }> {
    await this.mutate(plan);
    return { revision: this.current.record.revision };
  }

  /**
   * Plans and commits a mutation, after every mutation queued before it.
   *
   * @throws OperationRefusedError with Juju's message when core refuses it.
   * @throws StoreError when the store fails; nothing is applied then.
   */
  mutate<T>(plan: Plan<T>): Promise<T> {
    const run = this.queue.then(() => this.commitPlan(plan));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async commitPlan<T>(plan: Plan<T>): Promise<T> {
    for (let attempt = 0; ; attempt += 1) {
      const planned = plan(this.current);
      if (!planned.ok) throw new OperationRefusedError(planned);
      const batch = batchOf(this.current, planned);
      if (isEmptyBatch(batch)) return planned.value;
      try {
        const revision = await this.store.commit(this.name, this.current.record.revision, batch);
        this.applyCommitted(batch, planned.state, revision);
        return planned.value;
      } catch (error) {
        if (!(error instanceof RevisionConflictError) || attempt >= RETRIES) throw error;
        // Another writer shares the store: catch up with it and plan again.
        this.current = viewOf(await this.store.loadModel(this.name));
      }
    }
  }

  private applyCommitted(batch: CommitBatch, state: ModelView['state'], revision: number): void {
    const before = this.current;
    const uniterStates = new Map<string, UniterState>(before.uniterStates);
    for (const [unit, uniterState] of batch.uniterStates ?? []) {
      if (uniterState === undefined) uniterStates.delete(unit);
      else uniterStates.set(unit, uniterState);
    }
    const leases = new Map<string, Lease>(before.leases);
    for (const [application, lease] of batch.leases ?? []) {
      if (lease === undefined) leases.delete(application);
      else leases.set(application, lease);
    }
    const openOperations = new Map(before.openOperations);
    let nextOperationId = before.nextOperationId;
    for (const operation of batch.operations ?? []) {
      nextOperationId = Math.max(nextOperationId, operation.id + 1);
      if (isOpenOperation(operation)) openOperations.set(operation.id, operation);
      else openOperations.delete(operation.id);
    }
    const charmUrls = new Set(before.charmUrls);
    for (const charm of batch.charms ?? []) charmUrls.add(charm.url);
    this.current = {
      record: { ...before.record, revision },
      state,
      uniterStates,
      leases,
      openOperations,
      nextOperationId,
      charmUrls,
    };
    const committed: Committed = {
      model: this.name,
      revision,
      before: before.state,
      after: state,
      changes: batch.changes,
      uniterStateUnits: (batch.uniterStates ?? []).map(([unit]) => unit),
      operations: batch.operations ?? [],
    };
    for (const listener of this.listeners) {
      try {
        listener(committed);
      } catch (error) {
        this.report(error);
      }
    }
  }
}

function viewOf(loaded: LoadedModel): ModelView {
  return {
    record: loaded.record,
    state: loaded.state,
    uniterStates: loaded.uniterStates,
    leases: loaded.leases,
    openOperations: new Map(loaded.openOperations.map((operation) => [operation.id, operation])),
    nextOperationId: loaded.nextOperationId,
    charmUrls: new Set(loaded.charmUrls),
  };
}
