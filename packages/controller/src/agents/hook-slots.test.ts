import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { HookSlots } from './hook-slots.js';

describe('the controller-wide hook limit', () => {
  it('grants up to the limit at once, then in order as slots come back', async () => {
    const slots = new HookSlots(2);
    await slots.acquire('m', 'a/0');
    await slots.acquire('m', 'b/0');
    const granted: string[] = [];
    const third = slots.acquire('m', 'c/0').then(() => granted.push('c/0'));
    const fourth = slots.acquire('m', 'd/0').then(() => granted.push('d/0'));
    await Promise.resolve();
    assert.deepEqual(slots.usage, { running: 2, waiting: 2 });
    slots.release('m', 'a/0');
    await third;
    assert.deepEqual(granted, ['c/0']);
    slots.release('m', 'b/0');
    await fourth;
    assert.deepEqual(granted, ['c/0', 'd/0']);
    assert.deepEqual(slots.usage, { running: 2, waiting: 0 });
  });

  it('knows what each holder runs, from the grant until the release', async () => {
    const slots = new HookSlots(1);
    await slots.acquire('m', 'a/0', 'running install hook');
    const waiting = slots.acquire('m', 'b/0', 'running action backup');
    assert.equal(slots.activity('m', 'a/0'), 'running install hook');
    assert.equal(slots.activity('m', 'b/0'), undefined, 'not while it waits');
    slots.release('m', 'a/0');
    await waiting;
    assert.equal(slots.activity('m', 'a/0'), undefined);
    assert.equal(slots.activity('m', 'b/0'), 'running action backup');
  });

  it('grants a holder asking again at once, and ignores a release by a unit holding nothing', async () => {
    const slots = new HookSlots(1);
    await slots.acquire('m', 'a/0');
    await slots.acquire('m', 'a/0');
    slots.release('m', 'z/9');
    assert.deepEqual(slots.usage, { running: 1, waiting: 0 });
    slots.release('m', 'a/0');
    assert.deepEqual(slots.usage, { running: 0, waiting: 0 });
  });

  it('forgets a unit that is released while it waits, so its turn is not lost', async () => {
    const slots = new HookSlots(1);
    await slots.acquire('m', 'a/0');
    void slots.acquire('m', 'gone/0');
    const next = slots.acquire('m', 'b/0');
    slots.release('m', 'gone/0');
    slots.release('m', 'a/0');
    await next;
    assert.deepEqual(slots.usage, { running: 1, waiting: 0 });
  });
});
