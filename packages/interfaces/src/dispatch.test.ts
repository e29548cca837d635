/**
 * The dispatch rules of spec/reactive-endpoint.md §6 and the triggers of §5.2, one test each, on
 * a flag store of their own.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { dispatch, MAX_ITERATIONS } from './dispatch.js';
import type { Conditions, Handler } from './dispatch.js';
import { FlagStore } from './flags.js';

function store(...set: string[]): FlagStore {
  return new FlagStore({ flags: Object.fromEntries(set.map((flag) => [flag, true])), hashes: {} });
}

function handler(id: string, conditions: Conditions, run: () => void = () => undefined): Handler {
  return { id, conditions, run };
}

describe('dispatch (§6)', () => {
  it('rule 2: every matching handler runs once per hook, even when nothing changed', async () => {
    const flags = store('a');
    const ran = await dispatch(flags, [
      handler('when-a', { when: ['a'] }),
      handler('when-not-b', { whenNot: ['b'] }),
    ]);
    assert.deepEqual(ran, ['when-a', 'when-not-b']);
  });

  it('rule 3: a flag set by a handler wakes handlers in the next iteration, not the current one', async () => {
    const flags = store();
    const ran = await dispatch(flags, [
      handler('needs-b', { when: ['b'] }),
      handler('sets-b', { whenNot: ['a'] }, () => {
        flags.set('b');
      }),
    ]);
    assert.deepEqual(ran, ['sets-b', 'needs-b']);
  });

  it('rule 4: a clear re-tests the handlers still queued, so none runs past its condition', async () => {
    const flags = store('a');
    const ran = await dispatch(flags, [
      handler('clears-a', { when: ['a'] }, () => {
        flags.clear('a');
      }),
      handler('needs-a', { when: ['a'] }),
    ]);
    assert.deepEqual(ran, ['clears-a']);
  });

  it('rule 5: a handler runs again only when one of its own flags changed in the previous pass', async () => {
    const flags = store('a');
    let count = 0;
    const ran = await dispatch(flags, [
      handler('when-a', { when: ['a'] }, () => {
        count += 1;
      }),
      handler('sets-c', { whenNot: ['c'] }, () => {
        flags.set('c');
      }),
    ]);
    assert.equal(count, 1);
    assert.deepEqual(ran, ['when-a', 'sets-c']);
  });

  it('whenAny and whenNotAll hold as their names say', async () => {
    const flags = store('a');
    const ran = await dispatch(flags, [
      handler('any', { whenAny: ['a', 'b'] }),
      handler('not-all', { whenNotAll: ['a', 'b'] }),
      handler('none', { whenAny: ['b', 'c'] }),
    ]);
    assert.deepEqual(ran, ['any', 'not-all']);
  });

  it(`stops a loop after ${MAX_ITERATIONS} iterations, naming the handlers`, async () => {
    const flags = store();
    await assert.rejects(
      dispatch(flags, [
        handler('flip', { whenAny: ['x', 'y'] }, () => {
          flags.toggle('x', !flags.isSet('x'));
        }),
        handler('start', { whenNot: ['y'] }, () => {
          flags.set('y');
        }),
      ]),
      /kept changing flags for 100 iterations; the last ran: .*flip/,
    );
  });
});

describe('triggers (§5.2)', () => {
  it('fire inside set and clear, before any handler, and only on a real change', () => {
    const flags = store();
    const calls: string[] = [];
    flags.registerTrigger({ when: 'endpoint.db.joined', setFlag: 'alias.db.joined' });
    flags.registerTrigger({ whenNot: 'endpoint.db.joined', clearFlag: 'alias.db.joined' });
    flags.registerTrigger({ when: 'endpoint.db.joined', callback: () => calls.push('joined') });
    flags.set('endpoint.db.joined');
    flags.set('endpoint.db.joined');
    assert.ok(flags.isSet('alias.db.joined'));
    assert.deepEqual(calls, ['joined']);
    flags.clear('endpoint.db.joined');
    assert.equal(flags.isSet('alias.db.joined'), false);
  });

  it('need exactly one of when / whenNot and at least one action', () => {
    const flags = store();
    assert.throws(() => {
      flags.registerTrigger({ setFlag: 'x' });
    }, /exactly one of when and whenNot/);
    assert.throws(() => {
      flags.registerTrigger({ when: 'a' });
    }, /at least one of setFlag, clearFlag and callback/);
  });
});
