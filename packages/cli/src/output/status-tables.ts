/**
 * `loom status` as Juju prints it: the model line, the SAAS table, then the App, Unit and Machine
 * tables (leaders marked `*`, subordinates under their principal), the Offer table, and with
 * `--relations` the Integration table.
 */
import { JUJU_VERSION } from '@loom/core';
import type { StatusDocument } from '@loom/protocol';

import { shownApplicationStatus, shownUnitStatus } from './shown-status.js';
import { paintStatus } from './colour.js';
import { renderTable } from './table.js';

/** What to show besides the App, Unit and Machine tables. */
export interface StatusTableOptions {
  /** The Integration table (`--relations`, `--integrations`). */
  readonly relations?: boolean;
  /** Paint status values (on a terminal only). */
  readonly colour?: boolean;
}

/** A table painter for the given status columns, or none without colour. */
function statusPainter(
  colour: boolean | undefined,
  columns: readonly number[],
): { paint?: (column: number, cell: string, padded: string) => string } {
  if (colour !== true) return {};
  return {
    paint: (column, cell, padded) =>
      columns.includes(column) ? paintStatus(cell, padded) : padded,
  };
}

/** The tabular status of a model. */
export function statusTables(
  status: StatusDocument,
  controller: string,
  now: Date,
  options: StatusTableOptions = {},
): string {
  const sections: string[] = [];
  sections.push(
    renderTable(
      ['Model', 'Controller', 'Cloud/Region', 'Version', 'SLA', 'Timestamp'],
      [[status.model.name, controller, 'local/local', JUJU_VERSION, 'unsupported', timeOf(now)]],
    ),
  );
  if (status.applications.length === 0 && status.saas.length === 0) {
    sections.push('Model "' + status.model.name + '" is empty.\n');
    return sections.join('\n');
  }
  if (status.saas.length > 0)
    sections.push(
      renderTable(
        ['SAAS', 'Status', 'Store', 'URL'],
        status.saas.map((saas) => [saas.name, saas.status, controller, saas.url]),
        statusPainter(options.colour, [1]),
      ),
    );
  const byName = new Map(status.units.map((unit) => [unit.name, unit]));
  sections.push(
    renderTable(
      ['App', 'Version', 'Status', 'Scale', 'Charm', 'Channel', 'Rev', 'Exposed', 'Message'],
      status.applications.map((application) => {
        const shown = shownApplicationStatus(application, byName);
        return [
          application.name,
          truncatedVersion(application.version),
          shown.current,
          String(application.scale),
          application.charm,
          '',
          String(application.charmRevision),
          'no',
          shown.message,
        ];
      }),
      { alignRight: [3, 6], ...statusPainter(options.colour, [2]) },
    ),
  );
  const address = new Map(status.machines.map((machine) => [machine.id, machine.address]));
  const unitRows: string[][] = [];
  for (const unit of status.units) {
    if (unit.principal !== null) continue;
    for (const [name, indent] of [
      [unit.name, ''],
      ...unit.subordinates.map((subordinate) => [subordinate, '  '] as const),
    ] as const) {
      const row = byName.get(name);
      if (row === undefined) continue;
      const shown = shownUnitStatus(row);
      unitRows.push([
        `${indent}${row.name}${row.leader ? '*' : ''}`,
        shown.workload.current,
        shown.agent.current,
        row.principal === null ? row.machine : '',
        address.get(row.machine) ?? '',
        row.ports.join(','),
        shown.workload.message || shown.agent.message,
      ]);
    }
  }
  sections.push(
    renderTable(
      ['Unit', 'Workload', 'Agent', 'Machine', 'Public address', 'Ports', 'Message'],
      unitRows,
      statusPainter(options.colour, [1, 2]),
    ),
  );
  sections.push(
    renderTable(
      ['Machine', 'State', 'Address', 'Inst id', 'Base', 'AZ', 'Message'],
      status.machines.map((machine) => [
        machine.id,
        machine.life === 'alive' ? 'started' : machine.life,
        machine.address,
        `machine-${machine.id}`,
        'local',
        '',
        '',
      ]),
      statusPainter(options.colour, [1]),
    ),
  );
  if (status.offers.length > 0)
    sections.push(
      renderTable(
        ['Offer', 'Application', 'Charm', 'Rev', 'Connected', 'Endpoint', 'Interface', 'Role'],
        status.offers.flatMap((offered) =>
          offered.endpoints.map((endpoint, index) => {
            const active = offered.connections.filter((c) => !c.suspended).length;
            return index === 0
              ? [
                  offered.name,
                  offered.application,
                  offered.charm,
                  String(offered.charmRevision),
                  `${active}/${offered.connections.length}`,
                  endpoint.name,
                  endpoint.interface,
                  endpoint.role,
                ]
              : ['', '', '', '', '', endpoint.name, endpoint.interface, endpoint.role];
          }),
        ),
        { alignRight: [3] },
      ),
    );
  if (options.relations === true && status.relations.length > 0)
    sections.push(
      renderTable(
        ['Integration provider', 'Requirer', 'Interface', 'Type', 'Message'],
        status.relations.map((relation) => {
          const provider =
            relation.endpoints.find((endpoint) => endpoint.role !== 'requirer') ??
            relation.endpoints[0];
          const requirer = relation.endpoints.find((endpoint) => endpoint !== provider) ?? provider;
          const side = (endpoint: typeof provider) =>
            endpoint === undefined ? '' : `${endpoint.application}:${endpoint.name}`;
          return [
            side(provider),
            side(requirer),
            relation.interface,
            relation.peer ? 'peer' : relation.scope === 'container' ? 'subordinate' : 'regular',
            relation.suspended ? 'suspended' : relation.life === 'dying' ? 'dying' : '',
          ];
        }),
      ),
    );
  return sections.join('\n');
}

function timeOf(now: Date): string {
  return `${now.toISOString().slice(11, 19)}Z`;
}

/** Juju's tabular status cuts a workload version past 15 characters to 12 and an ellipsis. */
function truncatedVersion(version: string): string {
  return version.length > 15 ? `${version.slice(0, 12)}...` : version;
}
