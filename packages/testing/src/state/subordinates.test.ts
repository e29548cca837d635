/**
 * Container-scoped relations in state-transition tests (R2.3, R3.3): a subordinate charm's unit
 * beside a stand-in principal, and a principal beside a stand-in subordinate; plus network-get's
 * addresses from the state, and secrets refused while Loom does not model them.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { CharmBase, StoredState } from '@loom/ops';
import type { Framework, RelationChangedEvent } from '@loom/ops';

import { InconsistentStateError } from './consistency.js';
import { Context } from './context.js';
import { state, subordinateRelation } from './state.js';

/** Records the principal it is attached to, and the ingress address it would publish. */
class AgentCharm extends CharmBase {
  readonly stored = new StoredState(this, 'stored', { principal: '', address: '' });

  constructor(framework: Framework) {
    super(framework);
    framework.observe(this.on.relation('host').changed, this.onHostChanged);
  }

  private readonly onHostChanged = async (event: RelationChangedEvent): Promise<void> => {
    this.stored.data.principal = event.unit?.name ?? '';
    this.stored.data.address = (await this.model.network('host')).ingressAddress ?? '';
    await event.relation.data.unit(this.unit.name).set('agent', 'ready');
  };
}

const AGENT = {
  metadata:
    'name: agent\nsummary: s\ndescription: d\nsubordinate: true\nrequires:\n  host:\n    interface: juju-info\n    scope: container\n',
};
const STORED = 'AgentCharm/StoredStateData[stored]';

/** A principal that tells its subordinate where to ship logs. */
class WebCharm extends CharmBase {
  constructor(framework: Framework) {
    super(framework);
    framework.observe(this.on.relation('logging').joined, async (event) => {
      await event.relation.data.unit(this.unit.name).set('path', `/var/log/${this.app.name}`);
    });
  }
}

describe('subordinate relations in Context.run', () => {
  it('runs a principal beside a stand-in subordinate on its machine', async () => {
    const ctx = new Context(WebCharm, {
      charm: {
        metadata:
          'name: web\nsummary: s\ndescription: d\nprovides:\n  logging:\n    interface: logs\n    scope: container\n',
      },
    });
    const logging = subordinateRelation('logging', { remoteAppName: 'shipper' });
    const after = await ctx.run(ctx.on.relationJoined(logging), state({ relations: [logging] }));
    assert.equal(after.relations[0]?.localUnitData.path, '/var/log/web');
    assert.equal(ctx.unit, 'web/0');
  });

  it('runs a subordinate beside a stand-in principal, with the network the state gives', async () => {
    const ctx = new Context(AgentCharm, { charm: AGENT });
    const host = subordinateRelation('host', { remoteAppName: 'web' });
    const after = await ctx.run(
      ctx.on.relationChanged(host, { remoteUnit: 0 }),
      state({ relations: [host], networks: { host: '10.9.8.7' } }),
    );
    assert.deepEqual(after.storedStates[STORED], { principal: 'web/0', address: '10.9.8.7' });
    assert.equal(after.relations[0]?.localUnitData.agent, 'ready');
  });

  it('refuses a subordinate without its principal, a container endpoint as relation(), and secrets', async () => {
    const ctx = new Context(AgentCharm, { charm: AGENT });
    await assert.rejects(ctx.run(ctx.on.install(), state()), (error: unknown) => {
      assert.ok(error instanceof InconsistentStateError);
      assert.match(
        error.message,
        /agent is a subordinate: .*give exactly one subordinateRelation\(\) \(0 given\)/,
      );
      return true;
    });
    const host = subordinateRelation('host');
    await assert.rejects(
      ctx.run(ctx.on.install(), state({ relations: [host], secrets: [{ id: 'secret:1' }] })),
      /Loom does not model secrets yet/,
    );
  });
});
