/**
 * `loom status --format json|yaml` in the shape `juju status` prints (Juju 3), so that scripts
 * written for Juju work: `model`, `machines`, `applications.<app>` with `application-status`,
 * `relations.<endpoint>[]`, `units.<unit>` with `workload-status`, `juju-status`, `leader`,
 * `machine`, `public-address`, `open-ports` and `subordinates`. Empty values are left out, as
 * Juju leaves them out.
 */
import { JUJU_VERSION } from '@loom/core';
import type {
  ApplicationStatusDocument,
  RemoteEndpointDocument,
  StatusDocument,
  UnitStatusDocument,
} from '@loom/protocol';

import { shownApplicationStatus, shownUnitStatus } from './shown-status.js';

/** A status value as Juju prints it: `current`, and `message` when there is one. */
export interface JujuStatusValue {
  readonly current: string;
  readonly message?: string;
  readonly version?: string;
  /** A unit's life, when not alive. */
  readonly life?: string;
}

export interface JujuUnitStatus {
  readonly 'workload-status': JujuStatusValue;
  readonly 'juju-status': JujuStatusValue;
  readonly leader?: true;
  readonly machine: string;
  readonly 'open-ports'?: readonly string[];
  readonly 'public-address': string;
  readonly subordinates?: Readonly<Record<string, JujuUnitStatus>>;
}

export interface JujuRelationEntry {
  readonly 'related-application': string;
  readonly interface: string;
  readonly scope: 'global' | 'container';
}

export interface JujuApplicationStatus {
  readonly charm: string;
  readonly 'charm-origin': 'local';
  readonly 'charm-name': string;
  readonly 'charm-rev': number;
  readonly scale: number;
  readonly exposed: false;
  readonly life?: string;
  readonly 'application-status': JujuStatusValue;
  readonly relations?: Readonly<Record<string, readonly JujuRelationEntry[]>>;
  readonly 'subordinate-to'?: readonly string[];
  readonly units?: Readonly<Record<string, JujuUnitStatus>>;
  readonly version?: string;
}

export interface JujuMachineStatus {
  readonly 'juju-status': JujuStatusValue;
  readonly 'dns-name': string;
  readonly 'ip-addresses': readonly string[];
  readonly 'instance-id': string;
  readonly 'machine-status': JujuStatusValue;
}

/** The whole document. */
export interface JujuStatus {
  readonly model: {
    readonly name: string;
    readonly type: 'iaas';
    readonly controller: string;
    readonly cloud: 'local';
    readonly region: 'local';
    readonly version: string;
    readonly 'model-status': JujuStatusValue;
    readonly sla: 'unsupported';
  };
  readonly machines: Readonly<Record<string, JujuMachineStatus>>;
  readonly applications: Readonly<Record<string, JujuApplicationStatus>>;
  /** SAAS, when the model consumes offers (R8.2). */
  readonly 'application-endpoints'?: Readonly<Record<string, JujuSaasStatus>>;
  /** The model's offers (R8.1). */
  readonly offers?: Readonly<Record<string, JujuOfferStatus>>;
  readonly controller: { readonly timestamp: string };
}

/** An endpoint of a SAAS or an offer. */
type JujuRemoteEndpoints = Readonly<
  Record<string, { readonly interface: string; readonly role: string }>
>;

/** One SAAS under `application-endpoints`. */
export interface JujuSaasStatus {
  readonly url: string;
  readonly endpoints: JujuRemoteEndpoints;
  readonly 'application-status': JujuStatusValue;
  readonly life?: string;
  readonly relations?: Readonly<Record<string, readonly string[]>>;
}

/** One offer under `offers`. */
export interface JujuOfferStatus {
  readonly application: string;
  readonly charm: string;
  readonly 'total-connected-count': number;
  readonly 'active-connected-count': number;
  readonly endpoints: JujuRemoteEndpoints;
}

/** `status` as `juju status --format json` shapes it. */
export function jujuStatus(status: StatusDocument, controller: string, now: Date): JujuStatus {
  const units = new Map(status.units.map((unit) => [unit.name, unit]));
  const addresses = new Map(status.machines.map((machine) => [machine.id, machine.address]));
  const unitStatus = (unit: UnitStatusDocument): JujuUnitStatus => {
    const shown = shownUnitStatus(unit);
    const subordinates = unit.subordinates.flatMap((name) => {
      const subordinate = units.get(name);
      return subordinate === undefined ? [] : [[name, unitStatus(subordinate)] as const];
    });
    return {
      'workload-status': statusValue(shown.workload),
      'juju-status': {
        ...statusValue(shown.agent),
        version: JUJU_VERSION,
        ...(unit.life === 'alive' ? {} : { life: unit.life }),
      },
      ...(unit.leader ? { leader: true as const } : {}),
      machine: unit.machine,
      ...(unit.ports.length === 0 ? {} : { 'open-ports': unit.ports }),
      'public-address': addresses.get(unit.machine) ?? '',
      ...(subordinates.length === 0 ? {} : { subordinates: Object.fromEntries(subordinates) }),
    };
  };
  const applicationStatus = (application: ApplicationStatusDocument): JujuApplicationStatus => {
    const principals = application.subordinate ? principalsOf(application) : [];
    const own = application.subordinate
      ? []
      : application.units.flatMap((name) => {
          const unit = units.get(name);
          return unit === undefined ? [] : [[name, unitStatus(unit)] as const];
        });
    const relations = Object.fromEntries(
      Object.entries(application.relations).map(([endpoint, related]) => [
        endpoint,
        related.map((entry): JujuRelationEntry => ({
          'related-application': entry.application,
          interface: entry.interface,
          scope: entry.scope,
        })),
      ]),
    );
    return {
      charm: application.charm,
      'charm-origin': 'local',
      'charm-name': application.charm,
      'charm-rev': application.charmRevision,
      scale: application.scale,
      exposed: false,
      ...(application.life === 'alive' ? {} : { life: application.life }),
      'application-status': statusValue(shownApplicationStatus(application, units)),
      ...(Object.keys(relations).length === 0 ? {} : { relations }),
      ...(principals.length === 0 ? {} : { 'subordinate-to': principals }),
      ...(own.length === 0 ? {} : { units: Object.fromEntries(own) }),
      ...(application.version === '' ? {} : { version: application.version }),
    };
  };
  return {
    model: {
      name: status.model.name,
      type: 'iaas',
      controller,
      cloud: 'local',
      region: 'local',
      version: JUJU_VERSION,
      'model-status': { current: 'available' },
      sla: 'unsupported',
    },
    machines: Object.fromEntries(
      status.machines.map((machine) => [
        machine.id,
        {
          'juju-status': {
            current: machine.life === 'alive' ? 'started' : machine.life,
            version: JUJU_VERSION,
          },
          'dns-name': machine.address,
          'ip-addresses': [machine.address],
          'instance-id': `machine-${machine.id}`,
          'machine-status': { current: 'running', message: 'Running' },
        },
      ]),
    ),
    applications: Object.fromEntries(
      status.applications.map((application) => [application.name, applicationStatus(application)]),
    ),
    ...(status.saas.length === 0
      ? {}
      : {
          'application-endpoints': Object.fromEntries(
            status.saas.map((saas) => [
              saas.name,
              {
                url: saas.url,
                endpoints: remoteEndpoints(saas.endpoints),
                'application-status': { current: saas.status },
                ...(saas.life === 'alive' ? {} : { life: saas.life }),
                ...(Object.keys(saas.relations).length === 0 ? {} : { relations: saas.relations }),
              },
            ]),
          ),
        }),
    ...(status.offers.length === 0
      ? {}
      : {
          offers: Object.fromEntries(
            status.offers.map((offered) => [
              offered.name,
              {
                application: offered.application,
                charm: `local:${offered.charm}-${offered.charmRevision}`,
                'total-connected-count': offered.connections.length,
                'active-connected-count': offered.connections.filter((c) => !c.suspended).length,
                endpoints: remoteEndpoints(offered.endpoints),
              },
            ]),
          ),
        }),
    controller: { timestamp: now.toISOString() },
  };
}

function remoteEndpoints(endpoints: readonly RemoteEndpointDocument[]): JujuRemoteEndpoints {
  return Object.fromEntries(
    endpoints.map((endpoint) => [
      endpoint.name,
      { interface: endpoint.interface, role: endpoint.role },
    ]),
  );
}

function statusValue(value: { readonly current: string; readonly message: string }) {
  return value.message === ''
    ? { current: value.current }
    : { current: value.current, message: value.message };
}

/** The principal applications a subordinate application is attached to (its container relations). */
function principalsOf(application: ApplicationStatusDocument): string[] {
  const principals = new Set<string>();
  for (const related of Object.values(application.relations))
    for (const entry of related) if (entry.scope === 'container') principals.add(entry.application);
  return [...principals].sort();
}
