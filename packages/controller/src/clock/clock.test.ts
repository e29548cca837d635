/** The system clock and the fake clock keep one contract: time moves on and timers fire in order. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';

import type { Clock } from './clock.js';
import { systemClock } from './clock.js';
import { FakeClock } from './fake-clock.js';

function describeClockContract<C extends Clock>(
  name: string,
  clock: () => C,
  wait: (clock: C, ms: number) => Promise<void>,
) {
  describe(`${name}: the clock contract`, () => {
    it('runs timers once, in the order they fall due, and not the cancelled ones', async () => {
      const subject = clock();
      const fired: string[] = [];
      const start = subject.now();
      subject.setTimer(30, () => fired.push('late'));
      subject.setTimer(10, () => fired.push('early'));
      subject.setTimer(20, () => fired.push('cancelled')).cancel();
      await wait(subject, 60);
      assert.deepEqual(fired, ['early', 'late']);
      assert.ok(subject.now() - start >= 30);
    });
  });
}

describeClockContract(
  'systemClock',
  () => systemClock,
  (_clock, ms) => sleep(ms),
);
describeClockContract(
  'FakeClock',
  () => new FakeClock(5_000),
  (clock, ms) => {
    clock.advance(ms);
    return Promise.resolve();
  },
);

describe('FakeClock', () => {
  it('shows each timer the time it was due at', () => {
    const clock = new FakeClock(100);
    const seen: number[] = [];
    clock.setTimer(50, () => seen.push(clock.now()));
    clock.setTimer(10, () => {
      seen.push(clock.now());
      clock.setTimer(5, () => seen.push(clock.now()));
    });
    clock.advance(100);
    assert.deepEqual(seen, [110, 115, 150]);
    assert.equal(clock.now(), 200);
  });
});
