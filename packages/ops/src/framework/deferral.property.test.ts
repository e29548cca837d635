/**
 * Deferral, checked against a model with random hook sequences (fast-check): each hook hands
 * back the queue in the order events were first queued (across kinds), then emits one new event;
 * handlers defer at random; a hook may fail, leaving the store exactly as it was. The model is
 * spec/ops-api.md §3.3–§3.4 in a few lines: a list of (kind, value) queued once each.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import fc from 'fast-check';

import { ObjectEvents } from './events.js';
import { Framework } from './framework.js';
import { FrameworkObject } from './framework-object.js';
import { ValueEvent } from '../test-support/value-event.js';
import { MemoryUnitStateStore } from './unit-state.js';

const KINDS = ['alpha', 'beta', 'gamma'] as const;
type Kind = (typeof KINDS)[number];

/** A charm with three events; its handlers log what they see and defer what `defers` says. */
class Charm extends FrameworkObject {
  readonly on = new ObjectEvents(this);
  readonly seen: string[] = [];

  constructor(framework: Framework, defers: (kind: Kind, value: string) => boolean) {
    super(framework);
    for (const kind of KINDS) {
      framework.observe(
        this.on.defineEvent(kind, ValueEvent),
        (event: ValueEvent) => {
          this.seen.push(`${kind}:${event.value}`);
          if (defers(kind, event.value)) event.defer();
        },
        { key: kind },
      );
    }
  }

  emit(kind: Kind, value: string): Promise<void> {
    return this.on.event(kind)?.emit(value) ?? Promise.resolve();
  }
}

/** One hook of a run: the new event, which handler calls defer, and whether the hook fails. */
interface HookPlan {
  readonly kind: Kind;
  readonly value: string;
  /** Per delivery in this hook, in order: defer it? (missing: do not) */
  readonly defers: readonly boolean[];
  readonly fails: boolean;
}

const hookPlan: fc.Arbitrary<HookPlan> = fc.record({
  kind: fc.constantFrom(...KINDS),
  value: fc.constantFrom('a', 'b', 'c'),
  defers: fc.array(fc.boolean(), { maxLength: 8 }),
  fails: fc.boolean(),
});

describe('deferral against a model', () => {
  it('hands back the queue in first-queued order, queues equal events once, and rolls back failed hooks', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(hookPlan, { minLength: 1, maxLength: 12 }), async (plans) => {
        const store = new MemoryUnitStateStore();
        let queue: string[] = []; // the model: `kind:value`, in first-queued order
        for (const plan of plans) {
          const before = structuredClone(store.saved);
          let delivery = 0;
          const deferNext = () => plan.defers[delivery++] ?? false;
          const framework = await Framework.load({ store, log: () => undefined });
          const charm = new Charm(framework, deferNext);
          await framework.reemit();
          const newEvent = `${plan.kind}:${plan.value}`;
          // Model: every queued event is delivered in order; the ones deferred stay queued.
          const expectedSeen = [...queue];
          let modelDelivery = 0;
          const kept = queue.filter(() => plan.defers[modelDelivery++] ?? false);
          // A new event equal to one still queued is neither queued nor delivered.
          const duplicate = kept.includes(newEvent);
          let next = kept;
          if (!duplicate) {
            expectedSeen.push(newEvent);
            if (plan.defers[modelDelivery] ?? false) next = [...kept, newEvent];
          }
          await charm.emit(plan.kind, plan.value);
          assert.deepEqual(charm.seen, expectedSeen);
          if (plan.fails) {
            assert.deepEqual(store.saved, before, 'a failed hook changes nothing');
            continue;
          }
          await framework.commit();
          queue = next;
          assert.deepEqual(
            framework.deferredEvents().map((notice) => notice.observer),
            queue.map((entry) => entry.split(':')[0]),
          );
        }
      }),
      { numRuns: 200 },
    );
  });
});
