/**
 * The log forwarder, a subordinate, beside each webapp unit: it learns the log directory on
 * `logging` and the principal's address on `juju-info`. Both charms run their own code.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { TestModel } from '@loom/testing';

import { exampleCharmDirectory } from '../../../test-support/charm-directories.js';
import { WebappCharm } from '../../webapp/src/charm.js';
import { LogForwarderCharm } from './charm.js';

describe('log-forwarder', () => {
  it('runs one unit beside each principal unit and forwards its log directory (R3.3)', async () => {
    const model = new TestModel();
    model.deploy('webapp', WebappCharm, {
      charm: { directory: exampleCharmDirectory('webapp') },
      numUnits: 2,
    });
    model.deploy('log-forwarder', LogForwarderCharm, {
      charm: { directory: exampleCharmDirectory('log-forwarder') },
    });
    model.integrate('log-forwarder:logging', 'webapp:logging');
    model.integrate('log-forwarder:juju-info', 'webapp:juju-info');
    await model.settle();
    const principals = new Set<string>();
    for (const forwarder of ['log-forwarder/0', 'log-forwarder/1']) {
      const principal = model.simulator.state.units.get(forwarder)?.principal ?? '';
      principals.add(principal);
      assert.deepEqual(model.status(forwarder), {
        current: 'active',
        message: `forwarding /var/log/webapp from ${model.simulator.addressOf(principal)}`,
      });
    }
    assert.deepEqual([...principals].sort(), ['webapp/0', 'webapp/1']);
  });
});
