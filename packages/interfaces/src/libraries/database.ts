/**
 * A database interface modelled on the catalogue's `postgresql_client` / `mysql_client` (version
 * 0, the non-secret form; spec/interface-catalogue.md §2.1): both sides use the application bag.
 * The requirer's leader asks for a `database`; the provider's leader answers with unique
 * credentials per relation: `database`, `endpoints` (`host:port,...`), `username`, `password`,
 * and optionally `version` and `uris`.
 */
import { z } from 'zod';

import type { CharmBase, Relation } from '@loom/ops';

import { ProblemReporter } from '../typed-bag.js';

export const DATABASE_CLIENT = {
  interface: 'postgresql_client',
  version: 0,
  encoding: 'raw',
} as const;

/** The requirer's application bag. */
export const databaseRequirerApp = z.object({
  database: z.string().min(1, 'must name the database'),
});

/** The provider's application bag. */
export const databaseProviderApp = z.object({
  database: z.string().min(1),
  endpoints: z
    .string()
    .regex(/^[^,:\s]+:\d+(,[^,:\s]+:\d+)*$/, 'must be host:port pairs separated by commas'),
  username: z.string().min(1),
  password: z.string().min(1),
  version: z.string().optional(),
  uris: z.string().optional(),
});

/** The credentials a requirer receives. */
export type DatabaseCredentials = z.infer<typeof databaseProviderApp>;

/** A request the provider sees. */
export interface DatabaseRequest {
  readonly relation: Relation;
  readonly application: string;
  readonly database: string;
}

/** The requirer side. */
export class DatabaseRequirer {
  private readonly reporter: ProblemReporter;

  constructor(
    private readonly charm: CharmBase,
    readonly endpoint = 'database',
  ) {
    this.reporter = new ProblemReporter(charm, `${DATABASE_CLIENT.interface}:${endpoint}`);
  }

  /** The leader asks every relation for `database`; other units do nothing. */
  async request(database: string): Promise<void> {
    if (!(await this.charm.unit.isLeader())) return;
    const checked = databaseRequirerApp.parse({ database });
    for (const relation of await this.charm.model.relations(this.endpoint))
      await relation.data.app(this.charm.app.name).update({ database: checked.database });
  }

  /** The credentials of the (first) relation, once the provider sent valid ones. */
  async credentials(): Promise<DatabaseCredentials | undefined> {
    const relation = await this.charm.model.getRelation(this.endpoint);
    if (!relation?.active) return undefined;
    const raw = await relation.data.app(relation.app.name).toObject();
    if (!('password' in raw)) return undefined;
    return this.reporter.read(databaseProviderApp, relation.app.name, raw);
  }
}

/** The provider side. */
export class DatabaseProvider {
  private readonly reporter: ProblemReporter;

  constructor(
    private readonly charm: CharmBase,
    readonly endpoint = 'database',
  ) {
    this.reporter = new ProblemReporter(charm, `${DATABASE_CLIENT.interface}:${endpoint}`);
  }

  /** Every valid request on the endpoint's relations. */
  async requests(): Promise<DatabaseRequest[]> {
    const requests: DatabaseRequest[] = [];
    for (const relation of await this.charm.model.relations(this.endpoint)) {
      if (!relation.active) continue;
      const raw = await relation.data.app(relation.app.name).toObject();
      if (!('database' in raw)) continue;
      const request = await this.reporter.read(databaseRequirerApp, relation.app.name, raw);
      if (request !== undefined)
        requests.push({ relation, application: relation.app.name, ...request });
    }
    return requests;
  }

  /** The leader answers a request; checked against the schema before anything is written. */
  async grant(relation: Relation, credentials: DatabaseCredentials): Promise<void> {
    const checked = databaseProviderApp.parse(credentials);
    const bag: Record<string, string> = {};
    for (const [key, value] of Object.entries(checked)) if (value !== undefined) bag[key] = value;
    await relation.data.app(this.charm.app.name).update(bag);
  }
}
