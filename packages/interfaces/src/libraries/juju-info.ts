/**
 * The `juju-info` interface: implicit on every application (spec/interface-catalogue.md §3). It
 * carries only what Juju puts in each unit bag; a subordinate requires it (container-scoped) to
 * attach to any principal. The requirer side reads the principal units' addresses.
 */
import { z } from 'zod';

import type { CharmBase } from '@loom/ops';

import { ProblemReporter } from '../typed-bag.js';

export const JUJU_INFO = { interface: 'juju-info', version: 0, encoding: 'raw' } as const;

/** What Juju writes in every unit bag. */
export const jujuInfoUnit = z.object({
  'private-address': z.string().min(1),
  'ingress-address': z.string().min(1),
  'egress-subnets': z.string(),
});

/** A related unit and where it is. */
export interface UnitAddress {
  readonly unit: string;
  readonly address: string;
}

/** The requirer side: every related unit's address. */
export class JujuInfoRequirer {
  private readonly reporter: ProblemReporter;

  constructor(
    private readonly charm: CharmBase,
    readonly endpoint = 'juju-info',
  ) {
    this.reporter = new ProblemReporter(charm, `juju-info:${endpoint}`);
  }

  async units(): Promise<UnitAddress[]> {
    const addresses: UnitAddress[] = [];
    for (const relation of await this.charm.model.relations(this.endpoint)) {
      for (const unit of relation.units) {
        const raw = await relation.data.unit(unit.name).toObject();
        const bag = await this.reporter.read(jujuInfoUnit, unit.name, raw);
        if (bag !== undefined) addresses.push({ unit: unit.name, address: bag['private-address'] });
      }
    }
    return addresses;
  }
}
