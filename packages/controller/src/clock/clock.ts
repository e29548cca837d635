/**
 * Time, behind one small interface (STYLE.md rule 6): leases expire and renew by it. The system
 * clock for the daemon, a fake one for tests that must not wait.
 */

/** A scheduled callback. */
export interface Timer {
  cancel(): void;
}

/** Now, and callbacks later. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Calls `callback` once, `delayMs` from now (at once when not positive). */
  setTimer(delayMs: number, callback: () => void): Timer;
}

/** An ISO timestamp of `clock`'s now. */
export function timestamp(clock: Clock): string {
  return new Date(clock.now()).toISOString();
}

/** The machine's clock. Timers do not keep the process alive. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(delayMs, callback) {
    const handle = setTimeout(callback, Math.max(0, delayMs));
    handle.unref();
    return {
      cancel: () => {
        clearTimeout(handle);
      },
    };
  },
};
