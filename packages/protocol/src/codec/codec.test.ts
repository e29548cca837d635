/**
 * The JSON codecs carry every entity, change and uniter state through JSON text and back
 * without losing anything: checked on a model that went through a bit of everything.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { applyChanges, emptyModel } from '@loom/core';
import { busyModel, checkInvariants, entitiesOf } from '@loom/core/test-support';

import { uniterStateDocument } from './uniter-state-codec.js';
import { decodeChange, encodeChange } from './change-codec.js';
import { decodeModel, encodeModel } from './model-codec.js';
import { decodeUniterState, encodeUniterState } from './uniter-state-codec.js';

const throughJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

const sim = busyModel();

describe('model codec', () => {
  it('decodes an encoded model to the same entities, with indexes rebuilt', () => {
    const decoded = decodeModel(throughJson(encodeModel(sim.state)));
    assert.deepEqual(entitiesOf(decoded), entitiesOf(sim.state));
    checkInvariants(decoded);
    assert.deepEqual(encodeModel(decoded), encodeModel(sim.state));
  });

  it('lists every entity kind of the busy model', () => {
    const document = encodeModel(sim.state);
    for (const list of [
      document.machines,
      document.applications,
      document.units,
      document.relations,
      document.memberships,
      document.bags,
      document.leaders,
      document.leaderSettings,
      document.charmState,
      document.openedPorts,
    ]) {
      assert.ok(list.length > 0);
    }
  });
});

describe('change codec', () => {
  it('replays every change set through JSON to the same model', () => {
    let state = emptyModel('busy');
    for (const changes of sim.changeSets)
      state = applyChanges(state, throughJson(changes.map(encodeChange)).map(decodeChange));
    assert.deepEqual(entitiesOf(state), entitiesOf(sim.state));
  });
});

describe('uniter state codec', () => {
  it("round-trips every unit's uniter state and passes its own schema", () => {
    for (const unit of sim.units()) {
      const state = sim.uniterState(unit);
      if (state === undefined) continue;
      const document = throughJson(encodeUniterState(state));
      assert.deepEqual(uniterStateDocument.parse(document), document);
      assert.deepEqual(encodeUniterState(decodeUniterState(document)), document);
      assert.deepEqual(decodeUniterState(document).relations.toJS(), state.relations.toJS());
    }
  });
});
