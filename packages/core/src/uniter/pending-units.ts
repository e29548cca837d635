/**
 * A set of unit names that gives its byte-wise smallest member cheaply: a binary min-heap with
 * lazy deletion. Removing only marks a unit; marked entries are dropped when they reach the top.
 * Work is almost always taken from the smallest unit, so this beats a balanced tree here.
 */
import { compareNames } from '../model/keys.js';

/** Units with pending work of one kind, smallest first. */
export class PendingUnits {
  private readonly heap: string[] = [];
  /** Units in the set; heap entries not in here are stale. */
  private readonly members = new Set<string>();

  get size(): number {
    return this.members.size;
  }

  has(unit: string): boolean {
    return this.members.has(unit);
  }

  add(unit: string): void {
    if (this.members.has(unit)) return;
    // Stale entries are cleared lazily; rebuild when they outnumber live ones.
    if (this.heap.length > 2 * this.members.size + 32) this.rebuild();
    this.members.add(unit);
    const heap = this.heap;
    heap.push(unit);
    let child = heap.length - 1;
    while (child > 0) {
      const parent = (child - 1) >> 1;
      const above = heap[parent] ?? '';
      if (compareNames(above, unit) <= 0) break;
      heap[child] = above;
      child = parent;
    }
    heap[child] = unit;
  }

  delete(unit: string): void {
    this.members.delete(unit);
  }

  /** The smallest unit, or undefined when the set is empty. */
  min(): string | undefined {
    const heap = this.heap;
    for (;;) {
      const top = heap[0];
      if (top === undefined) return undefined;
      // Entries of units no longer in the set are dropped; a unit removed and added again may
      // have two entries, both naming it, so either is a right answer.
      if (this.members.has(top)) return top;
      this.pop();
    }
  }

  clear(): void {
    this.heap.length = 0;
    this.members.clear();
  }

  /** Drops every stale entry: a sorted array is a valid min-heap. */
  private rebuild(): void {
    const units = [...this.members].sort(compareNames);
    this.heap.length = 0;
    this.heap.push(...units);
  }

  private pop(): void {
    const heap = this.heap;
    const last = heap.pop();
    if (last === undefined || heap.length === 0) return;
    let parent = 0;
    for (;;) {
      const left = parent * 2 + 1;
      if (left >= heap.length) break;
      const right = left + 1;
      const smaller =
        right < heap.length && compareNames(heap[right] ?? '', heap[left] ?? '') < 0 ? right : left;
      if (compareNames(heap[smaller] ?? '', last) >= 0) break;
      heap[parent] = heap[smaller] ?? '';
      parent = smaller;
    }
    heap[parent] = last;
  }
}
