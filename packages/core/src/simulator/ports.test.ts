/**
 * R7.23, R7.24 in the simulator: open-port and close-port through the hook context are buffered
 * and committed with the hook; opened-ports shows the ports of the hook's start; a failed hook
 * opens nothing; a clash with another unit of the machine is refused at once.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { HookToolError } from '../hook-context/hook-tool-error.js';
import type { HookContext } from '../hook-context/hook-context.js';
import { formatPortRange } from '../model/ports.js';
import { CHARMS } from '../test-support/scenario-charms.js';
import { Simulator } from './simulator.js';

const web = { endpoint: '', protocol: 'tcp', from: 80, to: 80 } as const;

function opened(sim: Simulator, unit: string): string[] {
  return (sim.state.openedPorts.get(unit) ?? []).map((port) => formatPortRange(port));
}

describe('ports in the simulator (R7.23, R7.24)', () => {
  it('commits open-port with the hook, and opened-ports shows the ports the hook started with', () => {
    const seen: string[][] = [];
    const handler = (context: HookContext) => {
      seen.push(context.openedPorts().map((port) => formatPortRange(port)));
      if (context.hook?.kind === 'install') {
        context.openPorts([web]);
        assert.deepEqual(context.openedPorts(), []);
      }
    };
    const sim = new Simulator();
    sim.deploy({ application: 'db', charm: CHARMS.dbcharm, handler });
    sim.settle();
    assert.deepEqual(opened(sim, 'db/0'), ['80/tcp']);
    assert.deepEqual(seen[0], []);
    assert.deepEqual(seen.at(-1), ['80/tcp']);
  });

  it('opens nothing when the hook fails', () => {
    const sim = new Simulator();
    sim.deploy({
      application: 'db',
      charm: CHARMS.dbcharm,
      handler: (context) => {
        context.openPorts([web]);
        throw new Error('no');
      },
    });
    sim.settle();
    assert.deepEqual(opened(sim, 'db/0'), []);
  });

  it('refuses a range overlapping one another unit of the machine has open, at once', () => {
    const sim = new Simulator();
    const range = { ...web, to: 90 };
    sim.deploy({
      application: 'db',
      charm: CHARMS.dbcharm,
      handler: (context) => {
        context.openPorts([range]);
      },
    });
    sim.settle();
    const errors: unknown[] = [];
    sim.deploy({
      application: 'app',
      charm: CHARMS.webcharm,
      to: ['0'],
      handler: (context) => {
        if (context.hook?.kind !== 'install') return;
        try {
          context.openPorts([{ ...web, from: 85, to: 85 }]);
        } catch (error) {
          errors.push(error);
        }
      },
    });
    sim.settle();
    assert.equal(errors.length, 1);
    assert.ok(errors[0] instanceof HookToolError);
    assert.equal(errors[0].code, 'commit-refused');
    assert.match(
      errors[0].message,
      /cannot open 85\/tcp \(unit "app\/0"\): port range conflicts with 80-90\/tcp \(unit "db\/0"\)/,
    );
    assert.deepEqual(opened(sim, 'app/0'), []);
  });
});
