/**
 * Test support: a simulator that keeps every change set it applied, in order, so a test can feed
 * a realistic stream of changes (operations, scope entries, hook commits, leadership) to a store
 * or a watcher and compare the result with the simulator's own model.
 */
import type { ModelChange } from '../model/changes.js';
import type { OperationResult } from '../model/refusal.js';
import { Simulator } from '../simulator/simulator.js';

/** A simulator recording the change set of every applied operation. */
export class RecordingSimulator extends Simulator {
  readonly changeSets: (readonly ModelChange[])[] = [];

  override apply<T>(result: OperationResult<T>): OperationResult<T> {
    if (result.ok && result.changes.length > 0) this.changeSets.push(result.changes);
    return super.apply(result);
  }
}
