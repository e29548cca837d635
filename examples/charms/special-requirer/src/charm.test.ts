/**
 * The seed's SpecialCharm pair in one process: two provider and two requirer units, related,
 * settled by core's simulator with every hook in Juju's order, each running the charms' own
 * @loom/ops code. Asserts the data each side ends with: the provider leader's leader-uuid, each
 * provider unit's special-field, and each requirer unit's token derived from both.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { TestModel } from '@loom/testing';

import { SpecialProviderCharm } from '../../special-provider/src/charm.js';
import { exampleCharmDirectory } from '../../../test-support/charm-directories.js';
import { SpecialRequirerCharm, tokenFor } from './charm.js';

describe('the special provider and requirer, in process', () => {
  it('exchange leader-uuid, special-field and token, and show it in their statuses', async () => {
    const model = new TestModel();
    model.deploy('special-provider', SpecialProviderCharm, {
      charm: { directory: exampleCharmDirectory('special-provider') },
      numUnits: 2,
    });
    model.deploy('special-requirer', SpecialRequirerCharm, {
      charm: { directory: exampleCharmDirectory('special-requirer') },
      numUnits: 2,
    });
    const relation = model.integrate('special-provider:special', 'special-requirer:special');
    await model.settle();

    const leaderUuid = model.appBag(relation, 'special-provider')['leader-uuid'] ?? '';
    assert.match(leaderUuid, /^[0-9a-f-]{36}$/);
    const fields = ['special-provider/0', 'special-provider/1'].map((unit) => {
      const field = model.unitBag(relation, unit)['special-field'];
      assert.equal(field, `${unit} is special`);
      return field;
    });
    const expected = fields.map((field) => tokenFor(leaderUuid, field));
    for (const unit of ['special-requirer/0', 'special-requirer/1']) {
      assert.ok(expected.includes(model.unitBag(relation, unit).token ?? ''), unit);
      assert.deepEqual(model.status(unit), {
        current: 'active',
        message: 'token sent to special-provider',
      });
    }
    for (const unit of ['special-provider/0', 'special-provider/1'])
      assert.deepEqual(model.status(unit), { current: 'active', message: 'tokens from 2 units' });
  });

  it("runs the requirer's hooks in Juju's order: the provider's application bag, written at relation-created, arrives before any unit joins (R5.8)", async () => {
    const model = new TestModel();
    model.deploy('special-provider', SpecialProviderCharm, {
      charm: { directory: exampleCharmDirectory('special-provider') },
    });
    model.deploy('special-requirer', SpecialRequirerCharm, {
      charm: { directory: exampleCharmDirectory('special-requirer') },
    });
    await model.settle();
    model.integrate('special-provider', 'special-requirer');
    await model.settle();
    assert.deepEqual(model.hooks('special-requirer/0').slice(4), [
      'special-relation-created (app special-provider)',
      'special-relation-changed (app special-provider)',
      'special-relation-joined (special-provider/0)',
      'special-relation-changed (special-provider/0)',
    ]);
  });
});
