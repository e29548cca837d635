/**
 * TestModel with a small @loom/ops charm: the peer relation exists from the first hook, a
 * handler's writes and stored state are committed with its hook and rolled back when it throws
 * (R4.10, R5.22), permission errors reach the handler as in production (R4.8), failures name the
 * unit, the hook and the stack, and a resolved hook runs again.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { CharmBase, StoredState } from '@loom/ops';
import type { Framework } from '@loom/ops';

import { CharmSpecError } from './charm-spec.js';
import { HookFailedError, TestModel } from './test-model.js';

const CHARM = {
  metadata: 'name: peer\nsummary: s\ndescription: d\npeers:\n  peers:\n    interface: peer-test\n',
  config:
    'options:\n  mark:\n    type: string\n    default: one\n  fail:\n    type: boolean\n    default: false\n',
};

class PeerCharm extends CharmBase {
  readonly stored = new StoredState<{ peerAtInstall: boolean; mark: string; denied: string }>(
    this,
    'stored',
    {
      peerAtInstall: false,
      mark: '',
      denied: '',
    },
  );

  constructor(framework: Framework) {
    super(framework);
    framework.observe(this.on.install, this.onInstall);
    framework.observe(this.on.configChanged, this.onConfigChanged);
  }

  private readonly onInstall = async (): Promise<void> => {
    this.stored.data.peerAtInstall = (await this.model.getRelation('peers')) !== undefined;
  };

  private readonly onConfigChanged = async (): Promise<void> => {
    const config = await this.model.config();
    const mark = config.string('mark') ?? '';
    const peers = await this.model.getRelation('peers');
    if (peers !== undefined) await peers.data.unit(this.unit.name).set('mark', mark);
    this.stored.data.mark = mark;
    if (config.boolean('fail') === true) throw new Error('asked to fail');
    if (peers !== undefined && !(await this.unit.isLeader())) {
      try {
        await peers.data.app(this.app.name).set('mark', mark);
      } catch (error) {
        this.stored.data.denied = `${(error as Error).name}: ${(error as Error).message}`;
      }
    }
  };
}

const STORED = 'PeerCharm/StoredStateData[stored]';

async function deployed(): Promise<{ model: TestModel; relation: number }> {
  const model = new TestModel();
  model.deploy('peer', PeerCharm, { charm: CHARM, numUnits: 2 });
  await model.settle();
  return { model, relation: model.relationId('peer:peers') };
}

describe('TestModel', () => {
  it('creates the peer relation right after install, in the engine order (R3.4, R5.5)', async () => {
    const { model } = await deployed();
    assert.deepEqual(model.hooks('peer/1'), [
      'install',
      'peers-relation-created (app peer)',
      'leader-settings-changed',
      'config-changed',
      'start',
      'peers-relation-joined (peer/0)',
      'peers-relation-changed (peer/0)',
    ]);
    // During install the unit has not entered the relation's scope: relation-ids is empty.
    assert.equal(
      (model.storedState('peer/1', STORED) as { peerAtInstall: boolean }).peerAtInstall,
      false,
    );
  });

  it('commits what a handler wrote and stored with its hook, visible to the peer', async () => {
    const { model, relation } = await deployed();
    model.configure('peer', { mark: 'two' });
    await model.settle();
    assert.equal(model.unitBag(relation, 'peer/0').mark, 'two');
    assert.equal(model.unitBag(relation, 'peer/1').mark, 'two');
    assert.equal((model.storedState('peer/1', STORED) as { mark: string }).mark, 'two');
  });

  it('raises permission errors inside the handler as production does (R4.8)', async () => {
    const { model } = await deployed();
    const follower = model.leader('peer') === 'peer/0' ? 'peer/1' : 'peer/0';
    assert.match(
      (model.storedState(follower, STORED) as { denied: string }).denied,
      /^RelationDataAccessError: /,
    );
  });

  it('rolls back the writes and stored state of a hook that throws, and names the unit, hook and stack (R5.22)', async () => {
    const { model, relation } = await deployed();
    model.configure('peer', { mark: 'three', fail: true });
    await assert.rejects(model.settle(), (error: unknown) => {
      assert.ok(error instanceof HookFailedError);
      assert.equal(error.failures.length, 2);
      assert.match(
        error.message,
        /^2 hooks failed:\n- peer\/0: hook "config-changed" failed: Error: asked to fail\n {4}at /,
      );
      return true;
    });
    for (const unit of ['peer/0', 'peer/1']) {
      assert.equal(model.unitBag(relation, unit).mark, 'one');
      assert.equal((model.storedState(unit, STORED) as { mark: string }).mark, 'one');
      assert.equal(model.hooks(unit).at(-1), 'config-changed');
    }
    assert.equal(model.simulator.state.units.get('peer/0')?.agentStatus.current, 'error');
  });

  it('runs a resolved hook again once the cause is gone', async () => {
    const { model, relation } = await deployed();
    model.configure('peer', { fail: true });
    await model.settle({ expectFailures: true });
    assert.equal(model.failedHooks().length, 2);
    model.configure('peer', { fail: false, mark: 'four' });
    model.resolve('peer/0');
    model.resolve('peer/1');
    await model.settle();
    assert.equal(model.unitBag(relation, 'peer/0').mark, 'four');
  });

  it('refuses a charm whose metadata Juju would refuse, with file:line and the fix', () => {
    const model = new TestModel();
    assert.throws(
      () =>
        model.deploy('bad', PeerCharm, {
          charm: { metadata: 'name: bad\nsummary: s\ndescription: d\nprovides:\n  juju-x: http\n' },
        }),
      (error: unknown) => {
        assert.ok(error instanceof CharmSpecError);
        assert.match(error.message, /metadata\.yaml:5:\d+: .*\n {4}fix: /);
        return true;
      },
    );
  });
});
