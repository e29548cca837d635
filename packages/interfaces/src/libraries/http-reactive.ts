/**
 * The `http` interface as the seed's reactive interface layer (spec/reactive-endpoint.md §8):
 * Endpoint subclasses for a ReactiveCharm. The provider publishes hostname and port through
 * `toPublish` (JSON, as charms.reactive); the requirer turns its private automatic flags
 * (`changed.hostname`, `changed.port`, `joined`) into its public `new-website` flag, and offers
 * `websites()`.
 */
import { Endpoint } from '../endpoint.js';

/** One website a requirer sees. */
export interface ReactiveWebsite {
  readonly hostname: string;
  readonly port: number;
  readonly relationId: string;
  readonly remoteUnitName: string;
}

/** The provider side (`interface:http/provides`). */
export class HttpProvides extends Endpoint {
  /** Publishes `port`, and `hostname` or else the unit's ingress address, on every relation. */
  publishInfo(port: number, hostname?: string): void {
    for (const relation of this.relations) {
      relation.toPublish.set(
        'hostname',
        hostname ?? relation.toPublishRaw['ingress-address'] ?? '',
      );
      relation.toPublish.set('port', port);
    }
  }
}

/** The requirer side (`interface:http/requires`). */
export class HttpRequires extends Endpoint {
  constructor(...args: ConstructorParameters<typeof Endpoint>) {
    super(...args);
    this.register(
      {
        whenAny: [
          'endpoint.{endpoint_name}.changed.hostname',
          'endpoint.{endpoint_name}.changed.port',
        ],
      },
      () => {
        this.flags.set(this.expandName('endpoint.{endpoint_name}.new-website'));
        this.flags.clear(this.expandName('endpoint.{endpoint_name}.changed.hostname'));
        this.flags.clear(this.expandName('endpoint.{endpoint_name}.changed.port'));
      },
      'new_website',
    );
    this.register(
      { whenNot: ['endpoint.{endpoint_name}.joined'] },
      () => {
        this.flags.clear(this.expandName('endpoint.{endpoint_name}.new-website'));
      },
      'broken',
    );
  }

  /** Every website of every relation (all of them, not only the new one). */
  websites(): ReactiveWebsite[] {
    return this.relations.flatMap((relation) =>
      relation.joinedUnits.flatMap((unit) => {
        const hostname = unit.received.get('hostname');
        const port = unit.received.get('port');
        return typeof hostname === 'string' && typeof port === 'number'
          ? [{ hostname, port, relationId: relation.relationId, remoteUnitName: unit.unitName }]
          : [];
      }),
    );
  }
}
