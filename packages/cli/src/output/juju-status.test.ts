/**
 * `loom status --format json|yaml` has the shape of `juju status` (Juju 3): checked against a
 * schema of the fields scripts read (the ones Canonical's jubilant parses), on a status with a
 * leader, a unit in error, a subordinate and a peer and a regular relation; selectors narrow it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import type { StatusDocument, UnitStatusDocument } from '@loom/protocol';
import { jujuStatus } from './juju-status.js';
import { filterStatus } from './status-filter.js';
import { jujuStatusSchema } from '../test-support/juju-status-schema.js';

const idle = { current: 'idle', message: '' };
const unit = (name: string, rest: Partial<UnitStatusDocument> = {}): UnitStatusDocument => ({
  name,
  application: name.split('/')[0] ?? '',
  machine: '0',
  principal: null,
  life: 'alive',
  leader: false,
  agentStatus: idle,
  workloadStatus: { current: 'active', message: '' },
  workloadVersion: '',
  ports: [],
  subordinates: [],
  ...rest,
});

const STATUS: StatusDocument = {
  model: { name: 'default', uuid: 'u', revision: 9, createdAt: 'now' },
  machines: [
    { id: '0', life: 'alive', address: '127.5.0.1', units: ['db/0', 'logger/0'] },
    { id: '1', life: 'alive', address: '127.5.0.2', units: ['web/0'] },
  ],
  applications: [
    {
      name: 'db',
      charm: 'postgresql',
      charmUrl: 'local:postgresql-3',
      charmRevision: 3,
      life: 'alive',
      subordinate: false,
      status: { current: 'unknown', message: '' },
      version: '14.2',
      scale: 1,
      leader: 'db/0',
      endpoints: ['db', 'info', 'peers', 'juju-info'],
      relations: {
        db: [{ application: 'web', interface: 'pgsql', scope: 'global' }],
        info: [{ application: 'logger', interface: 'juju-info', scope: 'container' }],
        peers: [{ application: 'db', interface: 'pg-peers', scope: 'global' }],
      },
      units: ['db/0'],
    },
    {
      name: 'logger',
      charm: 'logger',
      charmUrl: 'local:logger-0',
      charmRevision: 0,
      life: 'alive',
      subordinate: true,
      status: { current: 'unknown', message: '' },
      version: '',
      scale: 1,
      leader: 'logger/0',
      endpoints: ['juju', 'juju-info'],
      relations: { juju: [{ application: 'db', interface: 'juju-info', scope: 'container' }] },
      units: ['logger/0'],
    },
    {
      name: 'web',
      charm: 'web',
      charmUrl: 'local:web-0',
      charmRevision: 0,
      life: 'alive',
      subordinate: false,
      status: { current: 'active', message: 'serving' },
      version: '',
      scale: 1,
      leader: 'web/0',
      endpoints: ['db', 'juju-info'],
      relations: { db: [{ application: 'db', interface: 'pgsql', scope: 'global' }] },
      units: ['web/0'],
    },
  ],
  units: [
    unit('db/0', {
      leader: true,
      ports: ['5432/tcp'],
      subordinates: ['logger/0'],
      workloadVersion: '14.2',
    }),
    unit('logger/0', { principal: 'db/0', leader: true }),
    unit('web/0', {
      machine: '1',
      leader: true,
      agentStatus: { current: 'error', message: 'hook failed: "db-relation-changed"' },
    }),
  ],
  relations: [
    {
      id: 0,
      key: 'db:peers',
      interface: 'pg-peers',
      scope: 'global',
      life: 'alive',
      status: 'joined',
      suspended: false,
      peer: true,
      endpoints: [{ application: 'db', name: 'peers', role: 'peer' }],
      unitCount: 1,
    },
    {
      id: 1,
      key: 'db:db web:db',
      interface: 'pgsql',
      scope: 'global',
      life: 'alive',
      status: 'joined',
      suspended: false,
      peer: false,
      endpoints: [
        { application: 'db', name: 'db', role: 'provider' },
        { application: 'web', name: 'db', role: 'requirer' },
      ],
      unitCount: 2,
    },
    {
      id: 2,
      key: 'db:info logger:juju',
      interface: 'juju-info',
      scope: 'container',
      life: 'alive',
      status: 'joined',
      suspended: false,
      peer: false,
      endpoints: [
        { application: 'db', name: 'info', role: 'provider' },
        { application: 'logger', name: 'juju', role: 'requirer' },
      ],
      unitCount: 2,
    },
  ],
  saas: [],
  offers: [],
};

const NOW = new Date('2026-11-22T10:00:00Z');

describe('status --format json: the shape of juju status', () => {
  const shown = jujuStatus(STATUS, 'loom', NOW);

  it('passes the schema of the fields scripts read', () => {
    const parsed = jujuStatusSchema.safeParse(JSON.parse(JSON.stringify(shown)));
    assert.ok(parsed.success, parsed.error?.message);
  });

  it('shows SAAS under application-endpoints and offers with their connection counts', () => {
    const endpoints = [{ name: 'database', role: 'provider' as const, interface: 'pgsql' }];
    const crossModel = jujuStatus(
      {
        ...STATUS,
        saas: [
          {
            name: 'pgsql',
            status: 'active',
            life: 'alive',
            url: 'admin/prod.pgsql',
            endpoints,
            relations: { database: ['web'] },
          },
        ],
        offers: [
          {
            url: 'admin/default.db',
            model: 'default',
            name: 'db',
            application: 'db',
            charm: 'postgresql',
            charmRevision: 3,
            endpoints,
            connections: [
              {
                relationId: 4,
                sourceModel: 'shop',
                sourceApplication: 'app',
                user: 'admin',
                endpoint: 'database',
                status: 'suspended',
                suspended: true,
                suspendedReason: 'maintenance',
                unitCount: 0,
              },
            ],
          },
        ],
      },
      'loom',
      NOW,
    );
    const parsed = jujuStatusSchema.safeParse(JSON.parse(JSON.stringify(crossModel)));
    assert.ok(parsed.success, parsed.error?.message);
    assert.deepEqual(crossModel['application-endpoints'], {
      pgsql: {
        url: 'admin/prod.pgsql',
        endpoints: { database: { interface: 'pgsql', role: 'provider' } },
        'application-status': { current: 'active' },
        relations: { database: ['web'] },
      },
    });
    assert.deepEqual(crossModel.offers, {
      db: {
        application: 'db',
        charm: 'local:postgresql-3',
        'total-connected-count': 1,
        'active-connected-count': 0,
        endpoints: { database: { interface: 'pgsql', role: 'provider' } },
      },
    });
    assert.equal('offers' in shown, false);
  });

  it('nests units under their application and subordinates under their principal', () => {
    assert.deepEqual(Object.keys(shown.applications.db?.units ?? {}), ['db/0']);
    assert.equal(shown.applications.logger?.units, undefined);
    assert.deepEqual(shown.applications.logger?.['subordinate-to'], ['db']);
    assert.deepEqual(shown.applications.db?.units?.['db/0'], {
      'workload-status': { current: 'active' },
      'juju-status': { current: 'idle', version: '3.0.3' },
      leader: true,
      machine: '0',
      'open-ports': ['5432/tcp'],
      'public-address': '127.5.0.1',
      subordinates: {
        'logger/0': {
          'workload-status': { current: 'active' },
          'juju-status': { current: 'idle', version: '3.0.3' },
          leader: true,
          machine: '0',
          'public-address': '127.5.0.1',
        },
      },
    });
  });

  it("lists each endpoint's related applications with interface and scope (peers too)", () => {
    assert.deepEqual(shown.applications.db?.relations, {
      peers: [{ 'related-application': 'db', interface: 'pg-peers', scope: 'global' }],
      db: [{ 'related-application': 'web', interface: 'pgsql', scope: 'global' }],
      info: [{ 'related-application': 'logger', interface: 'juju-info', scope: 'container' }],
    });
  });

  it('shows a unit in error as Juju does: workload error with the message, agent idle', () => {
    assert.deepEqual(shown.applications.web?.units?.['web/0']?.['workload-status'], {
      current: 'error',
      message: 'hook failed: "db-relation-changed"',
    });
    assert.deepEqual(shown.applications.web.units['web/0']['juju-status'], {
      current: 'idle',
      version: '3.0.3',
    });
  });

  it("keeps a status the leader set, else derives the most severe of its units'", () => {
    assert.deepEqual(shown.applications.web?.['application-status'], {
      current: 'active',
      message: 'serving',
    });
    assert.deepEqual(shown.applications.db?.['application-status'], { current: 'active' });
    assert.equal(shown.applications.db.version, '14.2');
    assert.equal(shown.applications.web.version, undefined);
  });

  it('describes the model, machines and the time', () => {
    assert.deepEqual(shown.model, {
      name: 'default',
      type: 'iaas',
      controller: 'loom',
      cloud: 'local',
      region: 'local',
      version: '3.0.3',
      'model-status': { current: 'available' },
      sla: 'unsupported',
    });
    assert.deepEqual(shown.machines['1'], {
      'juju-status': { current: 'started', version: '3.0.3' },
      'dns-name': '127.5.0.2',
      'ip-addresses': ['127.5.0.2'],
      'instance-id': 'machine-1',
      'machine-status': { current: 'running', message: 'Running' },
    });
    assert.deepEqual(shown.controller, { timestamp: '2026-11-22T10:00:00.000Z' });
  });
});

describe('status selectors', () => {
  it('narrow to an application with its units, their subordinates, machines and relations', () => {
    const narrowed = filterStatus(STATUS, ['db']);
    assert.deepEqual(
      narrowed.units.map((entry) => entry.name),
      ['db/0', 'logger/0'],
    );
    assert.deepEqual(
      narrowed.applications.map((application) => application.name),
      ['db', 'logger'],
    );
    assert.deepEqual(
      narrowed.machines.map((machine) => machine.id),
      ['0'],
    );
    assert.deepEqual(
      narrowed.relations.map((relation) => relation.id),
      [0, 2],
    );
  });

  it('take units and * wildcards, and leave everything without selectors', () => {
    assert.deepEqual(
      filterStatus(STATUS, ['w*']).units.map((entry) => entry.name),
      ['web/0'],
    );
    assert.deepEqual(
      filterStatus(STATUS, ['web/0', 'nothing']).applications.map((entry) => entry.name),
      ['web'],
    );
    assert.equal(filterStatus(STATUS, []), STATUS);
  });
});
