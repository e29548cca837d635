/**
 * The controller-wide limit on hooks running at once (DESIGN "Process model"; default: the
 * number of cores). An agent takes a slot before it starts a hook's process and gives it back
 * when the process has exited. A unit holds at most one slot; asking again while holding it is
 * granted at once (an agent that timed out waiting and asks again), and a restarting agent or a
 * removed unit gives its slot back, so a killed agent cannot keep one.
 *
 * A holder says what it runs ("running config-changed hook"): `loom status` shows the unit's agent
 * as `executing` with that message for as long as it holds the slot, as Juju does, without a
 * store write per hook.
 */
import { availableParallelism } from 'node:os';

export class HookSlots {
  /** Holder → what it runs. */
  private readonly holders = new Map<string, string>();
  private readonly waiting: { key: string; activity: string; grant: () => void }[] = [];

  constructor(readonly limit: number = availableParallelism()) {}

  /** Resolves when `unit` of `model` holds a slot, to run `activity`. */
  acquire(model: string, unit: string, activity = ''): Promise<void> {
    const key = `${model}\u0000${unit}`;
    if (this.holders.has(key) || this.holders.size < this.limit) {
      this.holders.set(key, activity);
      return Promise.resolve();
    }
    return new Promise((grant) => this.waiting.push({ key, activity, grant }));
  }

  /** What the unit runs in its slot; undefined when it holds none. */
  activity(model: string, unit: string): string | undefined {
    return this.holders.get(`${model}\u0000${unit}`);
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
      const held = this.holders.has(next.key);
      this.holders.set(next.key, next.activity);
      next.grant();
      // A unit that asked again while holding its slot took no new one: keep filling the freed one.
      if (!held) return;
    }
  }

  /** How many hooks run now, and how many wait. */
  get usage(): { running: number; waiting: number } {
    return { running: this.holders.size, waiting: this.waiting.length };
  }
}
