/**
 * The http library against itself through a relation's life (join, change, departure, broken),
 * and a deliberately broken provider that the conformance runner reports.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { CharmBase, StoredState } from '@loom/ops';
import type { Framework } from '@loom/ops';
import type { TestModel } from '@loom/testing';

import { runConformance } from '../conformance.js';
import { HTTP, HttpProvider, httpProviderUnit, HttpRequirer } from './http.js';

const PROVIDER_CHARM = {
  metadata: 'name: web\nsummary: s\ndescription: d\nprovides:\n  website:\n    interface: http\n',
  config: 'options:\n  port:\n    type: int\n    default: 80\n',
};
const REQUIRER_CHARM = {
  metadata: 'name: lb\nsummary: s\ndescription: d\nrequires:\n  backends:\n    interface: http\n',
};

class WebCharm extends CharmBase {
  private readonly website = new HttpProvider(this, 'website');

  constructor(framework: Framework) {
    super(framework);
    framework.observe(this.on.relation('website').joined, this.publish);
    framework.observe(this.on.configChanged, this.publish);
  }

  private readonly publish = async (): Promise<void> => {
    await this.website.publish({ port: (await this.model.config()).int('port') ?? 80 });
  };
}

/** Publishes a port that is not a number. */
class BrokenWebCharm extends CharmBase {
  constructor(framework: Framework) {
    super(framework);
    framework.observe(this.on.relation('website').joined, async (event) => {
      await event.relation.data.unit(this.unit.name).update({ hostname: '"h"', port: 'eighty' });
    });
  }
}

class LbCharm extends CharmBase {
  readonly stored = new StoredState(this, 'stored', { backends: [] as string[] });
  private readonly websites = new HttpRequirer(this, 'backends');

  constructor(framework: Framework) {
    super(framework);
    const backends = this.on.relation('backends');
    for (const event of [backends.changed, backends.departed, backends.broken])
      framework.observe(event, this.refresh);
  }

  private readonly refresh = async (): Promise<void> => {
    this.stored.data.backends = (await this.websites.websites()).map((site) => site.unit).sort();
  };
}

/** The requirer's units list exactly the provider's live units. */
function everyBackendSeen(model: TestModel, step: string): string[] {
  if (step === 'the relation is broken') return [];
  const providers = [...model.simulator.state.units.values()]
    .filter((unit) => unit.application === 'provider' && unit.life === 'alive')
    .map((unit) => unit.name)
    .sort();
  return ['requirer/0', 'requirer/1']
    .filter((unit) => model.simulator.state.units.has(unit))
    .flatMap((unit) => {
      const seen = (
        model.storedState(unit, 'LbCharm/StoredStateData[stored]') as
          { backends: string[] } | undefined
      )?.backends;
      return JSON.stringify(seen) === JSON.stringify(providers)
        ? []
        : [`${unit} sees ${JSON.stringify(seen)}, not ${JSON.stringify(providers)}`];
    });
}

const schemas = { ...HTTP, providerUnit: httpProviderUnit };

describe('http conformance', () => {
  it('holds through join, change, departure and broken', async () => {
    const report = await runConformance({
      schemas,
      provider: {
        charmType: WebCharm,
        charm: PROVIDER_CHARM,
        endpoint: 'website',
        change: { port: 8080 },
      },
      requirer: { charmType: LbCharm, charm: REQUIRER_CHARM, endpoint: 'backends' },
      expect: everyBackendSeen,
    });
    assert.deepEqual(report.problems, []);
    assert.deepEqual(report.steps, [
      'related',
      'a provider and a requirer unit join',
      'settings change',
      'a provider unit departs',
      'the relation is broken',
    ]);
  });

  it('reports a provider that publishes a port that is not a number, by step, unit and field', async () => {
    const report = await runConformance({
      schemas,
      provider: { charmType: BrokenWebCharm, charm: PROVIDER_CHARM, endpoint: 'website' },
      requirer: { charmType: LbCharm, charm: REQUIRER_CHARM, endpoint: 'backends' },
      expect: everyBackendSeen,
    });
    assert.equal(report.ok, false);
    assert.deepEqual(report.problems[0], {
      step: 'related',
      where: 'provider/0 port',
      message: 'must be a port number',
    });
    assert.ok(report.problems.some((problem) => problem.where === 'expectation'));
  });
});
