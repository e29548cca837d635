/**
 * Charm handlers that return promises (charms written on an async SDK): settleAsync awaits each
 * one before committing its hook (R4.10), a rejection fails the hook as a throw does (R5.22), and
 * the synchronous settle refuses them by name rather than committing before they finish.
 */
import assert from 'node:assert/strict';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, it } from 'node:test';

import { CHARMS } from '../test-support/scenario-charms.js';
import { describeHook } from './hook-record.js';
import { Simulator } from './simulator.js';

describe('async charm handlers', () => {
  it('commit a write made after an await, seen by the remote side (R4.10)', async () => {
    const sim = new Simulator();
    sim.deploy({
      application: 'db',
      charm: CHARMS.dbcharm,
      handler: async (context) => {
        if (context.hook?.kind !== 'relation-joined') return;
        await nextTurn();
        context.relationSet(new Map([['host', '10.0.0.9']]));
      },
    });
    const seen: (string | undefined)[] = [];
    sim.deploy({
      application: 'app',
      charm: CHARMS.webcharm,
      handler: async (context) => {
        if (context.hook?.kind !== 'relation-changed' || context.hook.remoteUnit !== 'db/0') return;
        await nextTurn();
        seen.push(context.relationGet({ key: 'host' }));
      },
    });
    sim.integrate('app', 'db');
    const report = await sim.settleAsync();
    assert.deepEqual(report.unitsInError, []);
    assert.ok(seen.includes('10.0.0.9'), JSON.stringify(seen));
  });

  it('fail the hook when the promise rejects, and keep none of its writes (R5.22)', async () => {
    const sim = new Simulator();
    sim.deploy({
      application: 'db',
      charm: CHARMS.dbcharm,
      handler: async (context) => {
        if (context.hook?.kind !== 'relation-joined') return;
        context.relationSet(new Map([['host', '10.0.0.9']]));
        await nextTurn();
        throw new Error('database not ready');
      },
    });
    sim.deploy({ application: 'app', charm: CHARMS.webcharm });
    sim.integrate('app', 'db');
    const report = await sim.settleAsync();
    assert.deepEqual(report.unitsInError, ['db/0']);
    const failed = sim.hooks('db/0').at(-1);
    assert.ok(failed !== undefined);
    assert.equal(describeHook(failed.hook), 'database-relation-joined (app/0)');
    assert.equal(failed.outcome, 'failed');
    assert.equal(failed.error, 'database not ready');
    const relation = [...sim.state.relations.values()][0];
    assert.ok(relation !== undefined);
    assert.equal(sim.state.bags.get(relation.id)?.units.get('db/0')?.values.get('host'), undefined);
  });

  it('are refused by the synchronous settle, which names settleAsync', () => {
    const sim = new Simulator();
    sim.deploy({ application: 'db', charm: CHARMS.dbcharm, handler: () => Promise.resolve() });
    sim.settle();
    const [install] = sim.hooks('db/0');
    assert.ok(install !== undefined);
    assert.equal(install.outcome, 'failed');
    assert.match(install.error ?? '', /returns a promise: run the simulator with settleAsync\(\)/);
  });
});
