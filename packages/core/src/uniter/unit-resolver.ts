/**
 * A unit's resolver for long-running use (the simulator, the agent): the same decisions as
 * `nextOperation`, with each relation's unit-level work kept incrementally, so a step costs what
 * changed rather than the size of the relations.
 */
import { commitOperation } from './commit-operation.js';
import { decideNextOperation } from './next-operation.js';
import type { WorkFinder } from './next-operation.js';
import { RelationTracker } from './relation-tracker.js';
import { compatibility } from './uniter-options.js';
import type { CompatibilityOptions } from './uniter-options.js';
import type { OperationOutcome, UniterOperation } from './uniter-operation.js';
import type { UniterState } from './uniter-state.js';
import type { UnitSnapshot } from './unit-snapshot.js';

/** Holds a unit's local state and the derived work sets that make each decision cheap. */
export class UnitResolver {
  private current: UniterState;
  private readonly options: CompatibilityOptions;
  private readonly trackers = new Map<number, RelationTracker>();
  /** relation → local members changed by commits since its tracker last looked. */
  private readonly touched = new Map<number, Set<string>>();

  constructor(state: UniterState, options: Partial<CompatibilityOptions> = {}) {
    this.current = state;
    this.options = compatibility(options);
  }

  /** The local state after every commit so far. */
  get state(): UniterState {
    return this.current;
  }

  /** The next operation, as `nextOperation(this.state, snapshot)` would answer. */
  next(snapshot: UnitSnapshot | undefined): UniterOperation | undefined {
    return decideNextOperation(this.current, snapshot, this.options, this.findWork);
  }

  /** The incremental work finder, made once. */
  private readonly findWork: WorkFinder = (local, relation, broken) => {
    let tracker = this.trackers.get(local.id);
    if (tracker === undefined) {
      tracker = new RelationTracker();
      this.trackers.set(local.id, tracker);
    }
    const touched = this.touched.get(local.id);
    if (touched !== undefined) this.touched.delete(local.id);
    // Without a record of what the commits touched, the tracker rebuilds: correct, if slower.
    return tracker.update(local, relation, broken, touched);
  };

  /** Records an operation's outcome (see `commitOperation`) and returns the new local state. */
  commit(operation: UniterOperation, outcome: OperationOutcome = 'succeeded'): UniterState {
    this.current = commitOperation(this.current, operation, outcome);
    if (operation.kind === 'run-hook' && outcome === 'succeeded') {
      const { relation, remoteUnit } = operation.hook;
      if (relation !== undefined && remoteUnit !== undefined && remoteUnit !== '') {
        const units = this.touched.get(relation.id) ?? new Set<string>();
        units.add(remoteUnit);
        this.touched.set(relation.id, units);
      }
    }
    // Only these operations drop a relation from the local state.
    const dropped =
      operation.kind === 'leave-scope'
        ? operation.relationId
        : operation.kind === 'run-hook' && operation.hook.kind === 'relation-broken'
          ? operation.hook.relation?.id
          : undefined;
    if (dropped !== undefined && !this.current.relations.has(dropped)) {
      this.trackers.delete(dropped);
      this.touched.delete(dropped);
    }
    return this.current;
  }

  /** Replaces the local state (an agent restart, an operator's resolve): work is recomputed. */
  replace(state: UniterState): void {
    this.current = state;
    this.trackers.clear();
    this.touched.clear();
  }
}
