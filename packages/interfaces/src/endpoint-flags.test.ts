/**
 * The automatic flags of spec/reactive-endpoint.md §3, one test per rule, on a reactive charm
 * run by @loom/testing's Harness (so the hooks are the engine's), plus the data views (§4.6), the
 * departed list (§3.1, §4.5) and rollback with a failed hook (§2.3).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import type { Framework } from '@loom/ops';
import { Harness } from '@loom/testing';

import { Endpoint } from './endpoint.js';
import { FlagStore } from './flags.js';
import { ReactiveCharm } from './reactive-charm.js';

const CHARM = {
  metadata:
    'name: app\nsummary: s\ndescription: d\nrequires:\n  db:\n    interface: pgsql\nprovides:\n  website:\n    interface: http\n',
  config: 'options:\n  fail:\n    type: boolean\n    default: false\n',
};

/** An endpoint that marks each call of manageFlags() with a flag, and aliases joined. */
class CountingEndpoint extends Endpoint {
  override registerTriggers(): void {
    this.flags.registerTrigger({ when: this.expandName('joined'), setFlag: 'alias.db.joined' });
    this.flags.registerTrigger({
      whenNot: this.expandName('joined'),
      clearFlag: 'alias.db.joined',
    });
  }

  override manageFlags(): void {
    this.flags.set(this.expandName('managed'));
  }
}

class AppCharm extends ReactiveCharm {
  constructor(framework: Framework) {
    super(framework, { db: CountingEndpoint });
    this.when(
      ['endpoint.db.joined'],
      () => {
        this.endpoint('db').relations[0]?.toPublish.set('hostname', '10.1.1.1');
        this.endpoint('db').relations[0]?.toPublish.set('port', 80);
      },
      'publish',
    );
    this.when(
      ['endpoint.db.managed'],
      () => {
        this.flags.clear('endpoint.db.managed');
      },
      'saw-managed',
    );
    this.when(
      ['endpoint.db.changed.host'],
      () => {
        this.flags.clear('endpoint.db.changed.host');
      },
      'saw-host',
    );
    this.when(
      ['endpoint.website.joined'],
      async () => {
        if ((await this.model.config()).boolean('fail') === true) {
          this.flags.set('about.to.fail');
          throw new Error('asked to fail');
        }
      },
      'maybe-fail',
    );
  }
}

/** The flags as committed: the unit's stored state, not the last hook's charm object. */
const flagsOf = (harness: Harness): Set<string> => {
  const stored = harness.storedState('AppCharm/StoredStateData[reactive]') as
    { flags: Record<string, boolean> } | undefined;
  return new Set(Object.keys(stored?.flags ?? {}));
};
const has = (flags: Set<string>, flag: string) => flags.has(flag);
/** The handlers the unit's last hook ran. */
const ran = (harness: Harness) => reactive(harness).ran;
function reactive(harness: Harness): ReactiveCharm {
  const { charm } = harness;
  assert.ok(charm instanceof ReactiveCharm);
  return charm;
}

async function started(): Promise<Harness> {
  const harness = Harness.create(AppCharm, { charm: CHARM, leader: true });
  await harness.beginWithInitialHooks();
  return harness;
}

describe('Endpoint automatic flags (§3)', () => {
  it('sets joined when a remote unit joins, and clears it in the last departed hook (§3.2)', async () => {
    const harness = await started();
    assert.equal(has(flagsOf(harness), 'endpoint.db.joined'), false);
    const id = await harness.addRelation('db', 'postgresql', { units: 2 });
    assert.equal(has(flagsOf(harness), 'endpoint.db.joined'), true);
    await harness.removeRelationUnit(id, 'postgresql/1');
    assert.equal(has(flagsOf(harness), 'endpoint.db.joined'), true);
    await harness.removeRelationUnit(id, 'postgresql/0');
    assert.equal(harness.hooks().at(-1), 'db-relation-departed (postgresql/0, dep=postgresql/0)');
    assert.equal(has(flagsOf(harness), 'endpoint.db.joined'), false);
  });

  it('sets changed and changed.<key> on first sight and on real changes of remote unit data only', async () => {
    const harness = await started();
    const id = await harness.addRelation('db', 'postgresql', { units: 1 });
    // Juju's own keys in the remote unit bag are a first sight too.
    assert.ok(has(flagsOf(harness), 'endpoint.db.changed.ingress-address'));
    await harness.updateRelationData(id, 'postgresql/0', { host: '"h1"' });
    assert.ok(ran(harness).includes('saw-host'));
    assert.ok(has(flagsOf(harness), 'endpoint.db.changed'));
    // The handler cleared changed.host; nothing clears it automatically.
    assert.equal(has(flagsOf(harness), 'endpoint.db.changed.host'), false);
    // The app bag never raises changed.<key>.
    await harness.updateRelationData(id, 'postgresql', { version: '14' });
    assert.equal(has(flagsOf(harness), 'endpoint.db.changed.version'), false);
    // The same decoded value again raises nothing: "h1" written raw is the JSON string h1.
    await harness.updateRelationData(id, 'postgresql/0', { host: '"h1"', other: '1' });
    assert.equal(has(flagsOf(harness), 'endpoint.db.changed.host'), false);
    assert.ok(has(flagsOf(harness), 'endpoint.db.changed.other'));
  });

  it('sets departed in a departed hook, clears it in the next hook while still joined (§3.2, PR #209)', async () => {
    const harness = await started();
    const id = await harness.addRelation('db', 'postgresql', { units: 2 });
    await harness.removeRelationUnit(id, 'postgresql/1');
    assert.equal(has(flagsOf(harness), 'endpoint.db.departed'), true);
    await harness.updateConfig({ fail: false });
    await harness.updateRelationData(id, 'postgresql/0', { a: 'b' });
    assert.equal(has(flagsOf(harness), 'endpoint.db.departed'), false);
  });

  it('keeps departed set when no unit is left to be joined', async () => {
    const harness = await started();
    const id = await harness.addRelation('db', 'postgresql', { units: 1 });
    await harness.removeRelationUnit(id, 'postgresql/0');
    await harness.updateConfig({ fail: false });
    assert.equal(has(flagsOf(harness), 'endpoint.db.departed'), true);
  });

  it('keeps the departed unit with its last raw data (§3.1, §4.5)', async () => {
    const harness = await started();
    const id = await harness.addRelation('db', 'postgresql', { units: 2 });
    await harness.updateRelationData(id, 'postgresql/1', { host: 'h' });
    await harness.removeRelationUnit(id, 'postgresql/1');
    const departed = reactive(harness).endpoint('db').allDepartedUnits;
    assert.deepEqual(
      departed.map((unit) => [unit.relation, unit.unitName, unit.data.host]),
      [[`db:${id}`, 'postgresql/1', 'h']],
    );
  });

  it('skips change detection and manageFlags() in other hooks once joined (§3.2 early return)', async () => {
    const harness = await started();
    const id = await harness.addRelation('db', 'postgresql', { units: 1 });
    await harness.updateRelationData(id, 'postgresql/0', { a: '1' });
    assert.ok(ran(harness).includes('saw-managed'), 'manageFlags() runs in a db relation hook');
    await harness.updateConfig({ fail: false });
    assert.equal(harness.hooks().at(-1), 'config-changed');
    assert.equal(ran(harness).includes('saw-managed'), false, 'and not in config-changed');
  });

  it('publishes to_publish as Python JSON at the end of the hook (§4.6, §8)', async () => {
    const harness = await started();
    const id = await harness.addRelation('db', 'postgresql', { units: 1 });
    const bag = harness.getRelationData(id, 'app/0');
    assert.equal(bag.hostname, '"10.1.1.1"');
    assert.equal(bag.port, '80');
  });

  it('keeps no flag and publishes nothing from a hook whose handler throws (§2.3)', async () => {
    const harness = await started();
    await harness.updateConfig({ fail: true });
    await assert.rejects(harness.addRelation('website', 'proxy', { units: 1 }), /asked to fail/);
    assert.equal(has(flagsOf(harness), 'about.to.fail'), false);
  });
});

describe('expandName (§4.1)', () => {
  it('prefixes endpoint.<name>. unless {endpoint_name} is there, then replaces it plainly', () => {
    const endpoint = new Endpoint('db', new FlagStore({ flags: {}, hashes: {} }), {});
    assert.equal(endpoint.expandName('joined'), 'endpoint.db.joined');
    assert.equal(endpoint.expandName('alias.{endpoint_name}.x'), 'alias.db.x');
    assert.equal(endpoint.expandName('{endpoint_name}.{other}'), 'db.{other}');
  });
});

describe('Endpoint data and helpers (§4)', () => {
  it('fires triggers registered in registerTriggers() on the automatic flags (§3.2, §5.2)', async () => {
    const harness = await started();
    const id = await harness.addRelation('db', 'postgresql', { units: 1 });
    assert.ok(has(flagsOf(harness), 'alias.db.joined'));
    await harness.removeRelationUnit(id, 'postgresql/0');
    assert.equal(has(flagsOf(harness), 'alias.db.joined'), false);
  });

  it("merges every joined unit's bag with the lowest (relation, unit) winning, and finds endpoints by flag", async () => {
    const harness = await started();
    const id = await harness.addRelation('db', 'postgresql', { units: 2 });
    await harness.updateRelationData(id, 'postgresql/1', { host: '"b"', only: '1' });
    await harness.updateRelationData(id, 'postgresql/0', { host: '"a"' });
    const charm = reactive(harness);
    const received = charm.endpoint('db').allJoinedReceived;
    assert.equal(received.get('host'), 'a');
    assert.equal(received.get('only'), 1);
    assert.equal(charm.endpointFromFlag('endpoint.db.joined'), charm.endpoint('db'));
    assert.equal(charm.endpointFromFlag('endpoint.website.joined'), undefined);
  });

  it('names the local application for a relation without joined units (§4.3)', async () => {
    const harness = await started();
    await harness.addRelation('db', 'postgresql');
    const relation = reactive(harness).endpoint('db').relations.at(0);
    assert.ok(relation !== undefined);
    assert.equal(relation.joinedUnits.length, 0);
    assert.equal(relation.applicationName, 'app');
  });

  it('refuses writes to remote data, and publishes the application bag as leader (§4.3, §4.6)', async () => {
    const harness = await started();
    const id = await harness.addRelation('db', 'postgresql', { units: 1 });
    const [relation] = reactive(harness).endpoint('db').relations;
    assert.throws(
      () => relation?.joinedUnits[0]?.received.set('x', 1),
      /Remote unit data cannot be modified/,
    );
    assert.equal(harness.getRelationData(id, 'app/0').port, '80');
  });
});
