/**
 * Committing a hook: the permission checks done again at commit (R4.8), and the deferred port
 * requests (R7.23) applied with their conflict rule.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import type { OpenedPort } from '../model/entities.js';
import { applicationBag, unitBag } from '../model/queries.js';
import { applied, refused } from '../test-support/scenario-charms.js';
import { s1, s19 } from '../test-support/scenario-models.js';
import { commitHook } from './commit-hook.js';
import { setLeader } from './leadership.js';
import { removeUnit, unitDead } from './remove-unit.js';

const tcp = (from: number, to = from, endpoint = ''): OpenedPort => ({
  endpoint,
  protocol: 'tcp',
  from,
  to,
});

const settings = (values: Record<string, string>) => new Map(Object.entries(values));

describe('hook commits', () => {
  it("R4.8: refuses a write to another unit's bag and changes nothing", () => {
    const state = s1();
    const refusal = refused(
      commitHook(state, {
        unit: 'app/1',
        relationSettings: [
          { relationId: 0, owner: { kind: 'unit', unit: 'app/1' }, settings: settings({ a: '1' }) },
          { relationId: 0, owner: { kind: 'unit', unit: 'db/0' }, settings: settings({ a: '1' }) },
        ],
      }),
    );
    assert.equal(refusal.code, 'permission-denied');
    assert.equal(unitBag(state, 0, 'app/1').values.has('a'), false);
  });

  it('R4.8: refuses an application-bag write by a unit that is not (or no longer) leader', () => {
    const write = { relationId: 0, owner: { kind: 'application', application: 'app' } } as const;
    const byLeader = applied(
      commitHook(s1(), {
        unit: 'app/0',
        relationSettings: [{ ...write, settings: settings({ url: 'x' }) }],
      }),
    );
    assert.equal(applicationBag(byLeader.state, 0, 'app').values.get('url'), 'x');
    const deposed = applied(setLeader(s1(), { application: 'app', unit: 'app/1' })).state;
    assert.equal(
      refused(
        commitHook(deposed, {
          unit: 'app/0',
          relationSettings: [{ ...write, settings: settings({ url: 'x' }) }],
        }),
      ).message,
      'prerequisites failed: "app/0" is not leader of "app"',
    );
  });

  it('R7.23: opens and closes port ranges; re-opening an open range changes nothing', () => {
    const opened = applied(
      commitHook(s1(), {
        unit: 'db/0',
        relationSettings: [],
        ports: { open: [tcp(5432), tcp(8000, 8080)], close: [] },
      }),
    );
    assert.deepEqual(opened.state.openedPorts.get('db/0'), [tcp(5432), tcp(8000, 8080)]);
    assert.deepEqual(opened.changes, [
      { kind: 'ports', unit: 'db/0', ports: [tcp(5432), tcp(8000, 8080)] },
    ]);
    const again = applied(
      commitHook(opened.state, {
        unit: 'db/0',
        relationSettings: [],
        ports: { open: [tcp(5432)], close: [tcp(9999)] },
      }),
    );
    assert.deepEqual(again.changes, []);
    const closed = applied(
      commitHook(opened.state, {
        unit: 'db/0',
        relationSettings: [],
        ports: { open: [], close: [tcp(5432), tcp(8000, 8080)] },
      }),
    );
    assert.equal(closed.state.openedPorts.has('db/0'), false);
    assert.deepEqual(closed.changes, [{ kind: 'ports', unit: 'db/0' }]);
  });

  it('R7.23: refuses a range that overlaps one another unit on the machine opened', () => {
    // s19: logger/0 is a subordinate on app/0's machine.
    const withPort = applied(
      commitHook(s19(), {
        unit: 'app/0',
        relationSettings: [],
        ports: { open: [tcp(80, 90)], close: [] },
      }),
    ).state;
    const refusal = refused(
      commitHook(withPort, {
        unit: 'logger/0',
        relationSettings: [],
        ports: { open: [tcp(85)], close: [] },
      }),
    );
    assert.equal(
      refusal.message,
      'cannot open 85/tcp (unit "logger/0"): port range conflicts with 80-90/tcp (unit "app/0")',
    );
    // The same range on another machine is fine.
    applied(
      commitHook(withPort, {
        unit: 'app/1',
        relationSettings: [],
        ports: { open: [tcp(85)], close: [] },
      }),
    );
  });

  it("forgets a removed unit's ports with the unit", () => {
    const state = applied(
      commitHook(s1(), {
        unit: 'app/1',
        relationSettings: [],
        ports: { open: [tcp(80)], close: [] },
      }),
    ).state;
    // app/1 is in scope, so removal goes through Dying; the ports stay until it is removed.
    const dying = applied(removeUnit(state, { units: ['app/1'] })).state;
    assert.deepEqual(dying.openedPorts.get('app/1'), [tcp(80)]);
    const removed = applied(unitDead(dying, { unit: 'app/1' }));
    assert.equal(removed.state.openedPorts.has('app/1'), false);
    assert.ok(removed.changes.some((change) => change.kind === 'ports' && change.unit === 'app/1'));
  });
});
