/**
 * A model's status: what `loom status` shows, computed from the model in one pass over its
 * entities (a 1,000-unit model takes milliseconds).
 */
import { applicationEndpoints, compareNames, formatPortRange, isPeerRelation } from '@loom/core';
import type { ModelState, Status, Unit } from '@loom/core';
import type {
  ApplicationStatusDocument,
  ModelSummary,
  RelatedApplicationDocument,
  RelationStatusDocument,
  StatusDocument,
  UnitStatusDocument,
} from '@loom/protocol';

import { machineAddresses } from '../agents/machine-address.js';
import { charmRevision } from '../charms/charm-archive.js';
import { offerDocument } from '../cross-model/offer-lookup.js';

const byName = <T extends { readonly name: string }>(a: T, b: T) => compareNames(a.name, b.name);

/**
 * The status of a model. `activity` tells what a unit's agent runs now, if anything: an idle
 * agent that runs something shows as `executing` with it ("running install hook").
 */
export function statusDocument(
  model: ModelSummary,
  state: ModelState,
  activity: (unit: string) => string | undefined = () => undefined,
): StatusDocument {
  const units: UnitStatusDocument[] = [...state.units.values()].map((unit) => ({
    name: unit.name,
    application: unit.application,
    machine: unit.machine,
    principal: unit.principal ?? null,
    life: unit.life,
    leader: state.leaders.get(unit.application) === unit.name,
    agentStatus: agentStatusOf(unit, activity(unit.name)),
    workloadStatus: unit.workloadStatus,
    workloadVersion: unit.workloadVersion,
    ports: (state.openedPorts.get(unit.name) ?? []).map(formatPortRange),
    subordinates: [...(state.index.subordinates.get(unit.name)?.values() ?? [])].sort(compareNames),
  }));
  // application → endpoint → the applications related through it.
  const relatedThrough = new Map<string, Map<string, RelatedApplicationDocument[]>>();
  const relations: RelationStatusDocument[] = [...state.relations.values()].map((relation) => {
    const first = relation.endpoints[0];
    const scope = relation.endpoints.some((endpoint) => endpoint.scope === 'container')
      ? 'container'
      : 'global';
    for (const endpoint of relation.endpoints) {
      const byEndpoint =
        relatedThrough.get(endpoint.application) ?? new Map<string, RelatedApplicationDocument[]>();
      const remote = relation.endpoints.find((other) => other !== endpoint) ?? endpoint;
      byEndpoint.set(endpoint.name, [
        ...(byEndpoint.get(endpoint.name) ?? []),
        { application: remote.application, interface: endpoint.interface, scope },
      ]);
      relatedThrough.set(endpoint.application, byEndpoint);
    }
    return {
      id: relation.id,
      key: relation.key,
      interface: first?.interface ?? '',
      scope,
      life: relation.life,
      status: relation.status,
      suspended: relation.suspended,
      peer: isPeerRelation(relation),
      endpoints: relation.endpoints.map(({ application, name, role }) => ({
        application,
        name,
        role,
      })),
      unitCount: relation.unitCount,
    };
  });
  const applications: ApplicationStatusDocument[] = [...state.applications.values()].map(
    (application) => {
      const members = [...(state.index.unitsByApplication.get(application.name) ?? [])].sort(
        compareNames,
      );
      const through =
        relatedThrough.get(application.name) ?? new Map<string, RelatedApplicationDocument[]>();
      return {
        name: application.name,
        charm: application.charm.name,
        charmUrl: application.charmUrl,
        charmRevision: charmRevision(application.charmUrl),
        life: application.life,
        subordinate: application.subordinate,
        status: application.status,
        version: workloadVersionOf(state, application.name, members),
        scale: members.length,
        leader: state.leaders.get(application.name) ?? null,
        endpoints: applicationEndpoints(application.charm).map((endpoint) => endpoint.name),
        relations: Object.fromEntries(
          [...through]
            .sort(([a], [b]) => compareNames(a, b))
            .map(([endpoint, others]) => [
              endpoint,
              others.sort((a, b) => compareNames(a.application, b.application)),
            ]),
        ),
        units: members,
      };
    },
  );
  const addressOf = machineAddresses(model.uuid);
  return {
    model,
    machines: [...state.machines.values()]
      .map((machine) => ({
        id: machine.id,
        life: machine.life,
        address: addressOf(machine.id),
        units: [...(state.index.unitsByMachine.get(machine.id) ?? [])].sort(compareNames),
      }))
      .sort((a, b) => Number(a.id) - Number(b.id)),
    applications: applications.sort(byName),
    units: units.sort(byName),
    relations: relations.sort((a, b) => a.id - b.id),
    saas: [...state.remoteApplications.values()]
      .filter((remote) => remote.kind === 'saas')
      .map((saas) => ({
        name: saas.name,
        status: saas.status,
        life: saas.life,
        url: saas.url,
        endpoints: saas.endpoints,
        relations: Object.fromEntries(
          [...(relatedThrough.get(saas.name) ?? new Map<string, RelatedApplicationDocument[]>())]
            .sort(([a], [b]) => compareNames(a, b))
            .map(([endpoint, others]) => [
              endpoint,
              others.map((other) => other.application).sort(compareNames),
            ]),
        ),
      }))
      .sort(byName),
    offers: [...state.offers.values()].map((offered) => offerDocument(state, offered)).sort(byName),
  };
}

/**
 * An application's workload version: its leader's, else that of its first unit (by name) that set
 * one. Juju shows the most recently set one; Loom keeps no time per version and fixes the choice.
 */
function workloadVersionOf(state: ModelState, application: string, members: readonly string[]) {
  const leader = state.leaders.get(application);
  const leaderVersion =
    leader === undefined ? '' : (state.units.get(leader)?.workloadVersion ?? '');
  if (leaderVersion !== '') return leaderVersion;
  for (const member of members) {
    const version = state.units.get(member)?.workloadVersion ?? '';
    if (version !== '') return version;
  }
  return '';
}

function agentStatusOf(unit: Unit, activity: string | undefined): Status {
  if (activity === undefined || unit.agentStatus.current !== 'idle') return unit.agentStatus;
  return { current: 'executing', message: activity };
}
