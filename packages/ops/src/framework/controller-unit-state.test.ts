/**
 * The controller-side unit state (state-get / state-set / state-delete): a round trip through
 * the charm state, saves that send only what changed and delete snapshots no longer kept, the
 * charm's own keys left alone, and a damaged key named with the way out.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { HookToolBackend } from '../backend/hook-tool-backend.js';
import type { ToolResult, ToolRunner } from '../backend/tool-runner.js';
import { ControllerUnitStateStore } from './controller-unit-state.js';
import { EMPTY_UNIT_STATE } from './unit-state.js';
import type { UnitState } from './unit-state.js';

/** The controller's charm state of one unit, in memory; every call recorded. */
class CharmState implements ToolRunner {
  readonly calls: string[] = [];
  constructor(readonly values: Record<string, string> = {}) {}
  run(command: string, args: readonly string[], stdin?: string): Promise<ToolResult> {
    this.calls.push([command, ...args].join(' '));
    if (command === 'state-set') Object.assign(this.values, JSON.parse(stdin ?? '{}') as object);
    if (command === 'state-delete') this.values[args[0] ?? ''] = '';
    const state = Object.fromEntries(Object.entries(this.values).filter(([, v]) => v !== ''));
    const stdout = command === 'state-get' ? JSON.stringify(state) : '';
    return Promise.resolve({ code: 0, stdout, stderr: '' });
  }
}

const STATE: UnitState = {
  eventCount: 4,
  nextSequence: 3,
  snapshots: {
    'Demo/StoredStateData[_stored]': { leaderIp: '10.0.0.1' },
    'Demo/on/config_changed[4]': {},
  },
  notices: [{ sequence: 2, eventPath: 'Demo/on/config_changed[4]', observer: 'onConfig' }],
};

describe('controller-side unit state', () => {
  it('reads as empty before the first save, then gives back what was saved', async () => {
    const charmState = new CharmState({ 'charm-own-key': 'x' });
    const store = new ControllerUnitStateStore(new HookToolBackend(charmState));
    assert.deepEqual(await store.load(), EMPTY_UNIT_STATE);
    await store.save(STATE);
    const again = new ControllerUnitStateStore(new HookToolBackend(charmState));
    assert.deepEqual(await again.load(), STATE);
    assert.equal(charmState.values['charm-own-key'], 'x');
  });

  it('sends only the keys that changed, and deletes snapshots no longer kept', async () => {
    const charmState = new CharmState();
    await new ControllerUnitStateStore(new HookToolBackend(charmState)).save(STATE);
    const store = new ControllerUnitStateStore(new HookToolBackend(charmState));
    await store.load();
    charmState.calls.length = 0;
    await store.save({
      eventCount: 5,
      nextSequence: 3,
      snapshots: { 'Demo/StoredStateData[_stored]': { leaderIp: '10.0.0.1' } },
      notices: [],
    });
    assert.deepEqual(charmState.calls, [
      'state-delete loom.snapshot.Demo/on/config_changed[4]',
      'state-set --file -',
    ]);
    assert.deepEqual(JSON.parse(charmState.values['loom.queue'] ?? ''), {
      eventCount: 5,
      nextSequence: 3,
      notices: [],
    });
    charmState.calls.length = 0;
    await store.save(await store.load());
    assert.deepEqual(charmState.calls, ['state-get --format=json']);
  });

  it('names a damaged key and how to start afresh', async () => {
    const charmState = new CharmState({ 'loom.queue': '{not json' });
    await assert.rejects(
      new ControllerUnitStateStore(new HookToolBackend(charmState)).load(),
      /^Error: the controller-side unit state "loom.queue" is not valid JSON .*loom exec --unit <unit> -- state-delete loom.queue$/,
    );
  });
});
