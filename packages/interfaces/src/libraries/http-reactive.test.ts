/**
 * The seed's reactive http example (spec/reactive-endpoint.md §8), both sides as ReactiveCharms
 * in one process: the provider publishes when joined; the requirer's layer raises new-website from
 * the automatic changed flags, and the charm's handler reads every website and clears the flag.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import type { Framework } from '@loom/ops';
import { TestModel } from '@loom/testing';

import { ReactiveCharm } from '../reactive-charm.js';
import { HttpProvides, HttpRequires } from './http-reactive.js';

class WebCharm extends ReactiveCharm {
  constructor(framework: Framework) {
    super(framework, { website: HttpProvides });
    this.when(
      ['endpoint.website.joined'],
      () => {
        this.endpointOf('website', HttpProvides).publishInfo(80);
      },
      'publish',
    );
  }
}

class ProxyCharm extends ReactiveCharm {
  constructor(framework: Framework) {
    super(framework, { reverseproxy: HttpRequires });
    this.when(
      ['endpoint.reverseproxy.new-website'],
      async () => {
        const sites = this.endpointOf('reverseproxy', HttpRequires).websites();
        await this.model.backend.stateSet({
          sites: JSON.stringify(
            sites.map((site) => `${site.remoteUnitName} ${site.hostname}:${site.port}`),
          ),
        });
        this.flags.clear('endpoint.reverseproxy.new-website');
      },
      'configure',
    );
  }
}

describe('reactive http (§8)', () => {
  it('publishes JSON hostname and port, and the requirer sees every website', async () => {
    const model = new TestModel();
    model.deploy('web', WebCharm, {
      charm: {
        metadata:
          'name: web\nsummary: s\ndescription: d\nprovides:\n  website:\n    interface: http\n',
      },
      numUnits: 2,
    });
    model.deploy('proxy', ProxyCharm, {
      charm: {
        metadata:
          'name: proxy\nsummary: s\ndescription: d\nrequires:\n  reverseproxy:\n    interface: http\n',
      },
    });
    const id = model.integrate('web:website', 'proxy:reverseproxy');
    await model.settle();
    const address = model.simulator.addressOf('web/0');
    assert.deepEqual(model.unitBag(id, 'web/0').hostname, JSON.stringify(address));
    assert.equal(model.unitBag(id, 'web/0').port, '80');
    const sites = JSON.parse(
      model.simulator.state.charmState.get('proxy/0')?.get('sites') ?? '[]',
    ) as string[];
    assert.deepEqual(sites, [
      `web/0 ${address}:80`,
      `web/1 ${model.simulator.addressOf('web/1')}:80`,
    ]);
  });
});
