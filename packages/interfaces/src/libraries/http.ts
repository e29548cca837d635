/**
 * The `http` interface (version 0), the seed's interface-layer example
 * (spec/reactive-endpoint.md §8; spec/interface-catalogue.md §3): each provider unit publishes
 * `hostname` and `port` in its unit bag, JSON-encoded as charms.reactive's `to_publish` writes
 * them, so Python and TypeScript sides interoperate. Requirers get `websites()`: every valid
 * backend of every relation; a unit whose data does not fit is reported once and left out.
 */
import { z } from 'zod';

import type { CharmBase, Relation } from '@loom/ops';

import { pythonJsonDumps } from '../python-json.js';
import { ProblemReporter } from '../typed-bag.js';

export const HTTP = { interface: 'http', version: 0, encoding: 'json' } as const;

/** The provider's unit bag. */
export const httpProviderUnit = z.object({
  hostname: z.string().min(1, 'must be a host name or address'),
  port: z.coerce
    .number({ error: 'must be a port number' })
    .int('must be a whole port number')
    .min(1, 'must be a port from 1 to 65535')
    .max(65535, 'must be a port from 1 to 65535'),
});

/** One backend a requirer sees. */
export interface Website {
  readonly relationId: number;
  readonly unit: string;
  readonly hostname: string;
  readonly port: number;
}

/** The provider side: publishes where this unit serves. */
export class HttpProvider {
  constructor(
    private readonly charm: CharmBase,
    readonly endpoint = 'website',
  ) {}

  /**
   * Publishes `port` and `hostname` (by default the unit's ingress address on each relation) on
   * every relation of the endpoint, or on `relation` only.
   */
  async publish(options: { port: number; hostname?: string; relation?: Relation }): Promise<void> {
    const { model } = this.charm;
    const relations =
      options.relation === undefined ? await model.relations(this.endpoint) : [options.relation];
    for (const relation of relations) {
      const hostname = options.hostname ?? (await model.network(relation)).ingressAddress ?? '';
      const checked = httpProviderUnit.parse({ hostname, port: options.port });
      await relation.data.unit(model.unit.name).update({
        hostname: pythonJsonDumps(checked.hostname),
        port: pythonJsonDumps(checked.port),
      });
    }
  }
}

/** The requirer side: reads every backend. */
export class HttpRequirer {
  private readonly reporter: ProblemReporter;

  constructor(
    private readonly charm: CharmBase,
    readonly endpoint = 'website',
  ) {
    this.reporter = new ProblemReporter(charm, `http:${endpoint}`);
  }

  /**
   * Every backend of every active relation, by relation and unit; units that have published
   * nothing yet are left out silently, units whose data is invalid are reported once.
   */
  async websites(): Promise<Website[]> {
    const websites: Website[] = [];
    for (const relation of await this.charm.model.relations(this.endpoint)) {
      if (!relation.active) continue;
      for (const unit of relation.units) {
        const raw = await relation.data.unit(unit.name).toObject();
        if (!('hostname' in raw) && !('port' in raw)) continue;
        const site = await this.reporter.read(httpProviderUnit, unit.name, raw, HTTP.encoding);
        if (site !== undefined)
          websites.push({ relationId: relation.id, unit: unit.name, ...site });
      }
    }
    return websites;
  }
}
