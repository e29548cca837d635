/**
 * Conformance of the database, logging-directory and juju-info libraries: each provider and
 * requirer written with the library, run against each other through a relation's life.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { ActiveStatus, CharmBase, StoredState, WaitingStatus } from '@loom/ops';
import type { Framework } from '@loom/ops';
import type { TestModel } from '@loom/testing';

import { runConformance } from '../conformance.js';
import {
  DATABASE_CLIENT,
  DatabaseProvider,
  databaseProviderApp,
  DatabaseRequirer,
  databaseRequirerApp,
} from './database.js';
import { JUJU_INFO, JujuInfoRequirer, jujuInfoUnit } from './juju-info.js';
import {
  LOGGING_DIRECTORY,
  LoggingDirectoryProvider,
  loggingDirectoryProviderUnit,
  LoggingDirectoryRequirer,
} from './logging-directory.js';

const meta = (text: string) => ({ metadata: `summary: s\ndescription: d\n${text}` });

class PostgresCharm extends CharmBase {
  private readonly clients = new DatabaseProvider(this, 'database');

  constructor(framework: Framework) {
    super(framework);
    framework.observe(this.on.relation('database').changed, this.grant);
    framework.observe(this.on.leaderElected, this.grant);
  }

  private readonly grant = async (): Promise<void> => {
    if (!(await this.unit.isLeader())) return;
    const address = (await this.model.network('database')).ingressAddress ?? '';
    for (const request of await this.clients.requests())
      await this.clients.grant(request.relation, {
        database: request.database,
        endpoints: `${address}:5432`,
        username: `${request.application}-user`,
        password: 'secret',
        version: '16',
      });
  };
}

class ClientCharm extends CharmBase {
  private readonly database = new DatabaseRequirer(this, 'database');

  constructor(framework: Framework) {
    super(framework);
    const database = this.on.relation('database');
    framework.observe(database.created, async () => {
      await this.database.request('orders');
    });
    framework.observe(this.on.collectUnitStatus, async (event) => {
      const credentials = await this.database.credentials();
      event.addStatus(
        credentials === undefined
          ? new WaitingStatus('no credentials')
          : new ActiveStatus(
              `${credentials.username}@${credentials.endpoints}/${credentials.database}`,
            ),
      );
    });
  }
}

class PrincipalCharm extends CharmBase {
  private readonly logging = new LoggingDirectoryProvider(this, 'logging');

  constructor(framework: Framework) {
    super(framework);
    framework.observe(this.on.relation('logging').joined, async (event) => {
      await this.logging.publish('/var/log/principal', event.relation);
    });
  }
}

class ForwarderCharm extends CharmBase {
  readonly stored = new StoredState(this, 'stored', { seen: '' });
  private readonly logging = new LoggingDirectoryRequirer(this, 'logging');
  private readonly info = new JujuInfoRequirer(this, 'juju-info');

  constructor(framework: Framework) {
    super(framework);
    for (const event of [
      this.on.relation('logging').changed,
      this.on.relation('juju-info').changed,
    ])
      framework.observe(event, async () => {
        const directory = await this.logging.directory();
        const [principal] = await this.info.units();
        this.stored.data.seen = `${directory?.directory ?? ''} ${principal?.address ?? ''}`.trim();
      });
  }
}

const statusOf = (model: TestModel, unit: string) =>
  model.simulator.state.units.get(unit)?.workloadStatus;

describe('library conformance', () => {
  it('database: the leader answers each request with credentials the client reads', async () => {
    const report = await runConformance({
      schemas: {
        ...DATABASE_CLIENT,
        providerApp: databaseProviderApp,
        requirerApp: databaseRequirerApp,
      },
      provider: {
        charmType: PostgresCharm,
        charm: meta('name: pg\nprovides:\n  database:\n    interface: postgresql_client\n'),
        endpoint: 'database',
      },
      requirer: {
        charmType: ClientCharm,
        charm: meta('name: app\nrequires:\n  database:\n    interface: postgresql_client\n'),
        endpoint: 'database',
      },
      expect: (model, step) =>
        step === 'the relation is broken' || step === 'a provider unit departs'
          ? []
          : ['requirer/0']
              .filter((unit) => statusOf(model, unit)?.current !== 'active')
              .map(
                (unit) => `${unit} has no credentials: ${JSON.stringify(statusOf(model, unit))}`,
              ),
    });
    assert.deepEqual(report.problems, []);
  });

  it('logging-directory and juju-info: the subordinate learns where its principal logs, and its address', async () => {
    for (const [schemas, endpoint] of [
      [{ ...LOGGING_DIRECTORY, providerUnit: loggingDirectoryProviderUnit }, 'logging'],
      [{ ...JUJU_INFO, providerUnit: jujuInfoUnit }, 'juju-info'],
    ] as const) {
      const report = await runConformance({
        schemas,
        provider: {
          charmType: PrincipalCharm,
          charm: meta(
            'name: principal\nprovides:\n  logging:\n    interface: logging-directory\n    scope: container\n',
          ),
          endpoint,
        },
        requirer: {
          charmType: ForwarderCharm,
          charm: meta(
            'name: forwarder\nsubordinate: true\nrequires:\n  logging:\n    interface: logging-directory\n    scope: container\n  juju-info:\n    interface: juju-info\n    scope: container\n',
          ),
          endpoint,
          units: 0,
        },
      });
      assert.deepEqual(report.problems, [], endpoint);
    }
  });
});
