/** A clock that moves only when told: `advance` runs the timers that fall due, in time order. */
import type { Clock, Timer } from './clock.js';

interface Pending {
  readonly at: number;
  readonly order: number;
  readonly callback: () => void;
  cancelled: boolean;
}

/**
 * A fake clock for tests.
 *
 * @example
 * const clock = new FakeClock(1_000);
 * clock.setTimer(500, () => expired = true);
 * clock.advance(500); // expired === true
 */
export class FakeClock implements Clock {
  private current: number;
  private pending: Pending[] = [];
  private order = 0;

  constructor(start = 0) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimer(delayMs: number, callback: () => void): Timer {
    const entry: Pending = {
      at: this.current + Math.max(0, delayMs),
      order: this.order++,
      callback,
      cancelled: false,
    };
    this.pending.push(entry);
    return {
      cancel: () => {
        entry.cancelled = true;
      },
    };
  }

  /** Moves time forward by `ms`, running every timer due on the way at its own time. */
  advance(ms: number): void {
    const end = this.current + ms;
    for (;;) {
      const due = this.pending
        .filter((entry) => !entry.cancelled && entry.at <= end)
        .sort((a, b) => a.at - b.at || a.order - b.order)[0];
      if (due === undefined) break;
      this.pending = this.pending.filter((entry) => entry !== due);
      this.current = Math.max(this.current, due.at);
      due.callback();
    }
    this.current = end;
    this.pending = this.pending.filter((entry) => !entry.cancelled);
  }
}
