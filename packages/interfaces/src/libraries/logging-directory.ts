/**
 * The `logging-directory` interface (version 0), container-scoped: the principal unit tells the
 * subordinate beside it where it writes its logs (`log-directory` in its unit bag, an absolute
 * path). The seed's rsyslog-forwarder example.
 */
import { z } from 'zod';

import type { CharmBase, Relation } from '@loom/ops';

import { ProblemReporter } from '../typed-bag.js';

export const LOGGING_DIRECTORY = {
  interface: 'logging-directory',
  version: 0,
  encoding: 'raw',
} as const;

/** The provider's (principal's) unit bag. */
export const loggingDirectoryProviderUnit = z.object({
  'log-directory': z.string().startsWith('/', 'must be an absolute path'),
});

/** The principal side: says where this unit logs. */
export class LoggingDirectoryProvider {
  constructor(
    private readonly charm: CharmBase,
    readonly endpoint = 'logging',
  ) {}

  /** Publishes `directory` on every relation of the endpoint (or on `relation` only). */
  async publish(directory: string, relation?: Relation): Promise<void> {
    const checked = loggingDirectoryProviderUnit.parse({ 'log-directory': directory });
    const relations =
      relation === undefined ? await this.charm.model.relations(this.endpoint) : [relation];
    for (const each of relations)
      await each.data
        .unit(this.charm.unit.name)
        .update({ 'log-directory': checked['log-directory'] });
  }
}

/** The subordinate side: where its principal logs. */
export class LoggingDirectoryRequirer {
  private readonly reporter: ProblemReporter;

  constructor(
    private readonly charm: CharmBase,
    readonly endpoint = 'logging',
  ) {
    this.reporter = new ProblemReporter(charm, `logging-directory:${endpoint}`);
  }

  /** The principal unit's log directory, once it published a valid one. */
  async directory(): Promise<{ readonly unit: string; readonly directory: string } | undefined> {
    const relation = await this.charm.model.getRelation(this.endpoint);
    const [principal] = relation?.units ?? [];
    if (relation === undefined || principal === undefined) return undefined;
    const raw = await relation.data.unit(principal.name).toObject();
    if (!('log-directory' in raw)) return undefined;
    const bag = await this.reporter.read(loggingDirectoryProviderUnit, principal.name, raw);
    return bag === undefined
      ? undefined
      : { unit: principal.name, directory: bag['log-directory'] };
  }
}
