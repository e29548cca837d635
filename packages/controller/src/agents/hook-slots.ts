/**
 * The controller-wide limit on hooks running at once (DESIGN "Process model"; default: the
 * number of cores). An agent takes a slot before it starts a hook's process and gives it back
 * when the process has exited. A unit holds at most one slot; asking again while holding it is
 * granted at once (an agent that timed out waiting and asks again), and a restarting agent or a
 * removed unit gives its slot back, so a killed agent cannot keep one.
 */
import { availableParallelism } from 'node:os';

export class HookSlots {
  private readonly holders = new Set<string>();
  private readonly waiting: { key: string; grant: () => void }[] = [];

  constructor(readonly limit: number = availableParallelism()) {}

  /** Resolves when `unit` of `model` holds a slot. */
  acquire(model: string, unit: string): Promise<void> {
    const key = `${model}\u0000${unit}`;
    if (this.holders.has(key)) return Promise.resolve();
    if (this.holders.size < this.limit) {
      this.holders.add(key);
      return Promise.resolve();
    }
    return new Promise((grant) => this.waiting.push({ key, grant }));
  }

  /** Gives back the unit's slot, if it holds one, and stops its waiting. */
  release(model: string, unit: string): void {
    const key = `${model}\u0000${unit}`;
    // A unit still in line leaves it: nobody would give back a slot granted to it.
    for (let index = this.waiting.length - 1; index >= 0; index -= 1)
      if (this.waiting[index]?.key === key) this.waiting.splice(index, 1);
    if (!this.holders.delete(key)) return;
    for (;;) {
      const next = this.waiting.shift();
      if (next === undefined) return;
      if (this.holders.has(next.key)) {
        next.grant();
        continue;
      }
      this.holders.add(next.key);
      next.grant();
      return;
    }
  }

  /** How many hooks run now, and how many wait. */
  get usage(): { running: number; waiting: number } {
    return { running: this.holders.size, waiting: this.waiting.length };
  }
}
