/**
 * `loom charm check <dir>...`: loads each charm as Juju would and shows its endpoints, or the
 * problems that make it invalid, each with file:line:column and a fix.
 */
import {
  applicationEndpoints,
  formatProblem,
  isError,
  isImplicitEndpoint,
  loadCharm,
} from '@loom/core';
import type { CharmMetadata, CharmProblem, Endpoint } from '@loom/core';

import { readCharmDirectory } from '../charm/read-charm-directory.js';
import { CliError, EXIT } from '../errors.js';
import type { CliIo } from '../io.js';
import { renderTable } from '../output/table.js';

/** Output formats of `charm check`. */
export const CHARM_CHECK_FORMATS = ['tabular', 'json'] as const;

/** Options of `loom charm check`. */
export interface CharmCheckOptions {
  readonly format: (typeof CHARM_CHECK_FORMATS)[number];
  /** One row per charm instead of each charm's endpoint table. */
  readonly summary?: boolean;
}

/** What checking one directory found. */
export interface CharmReport {
  readonly directory: string;
  readonly ok: boolean;
  readonly metadata?: CharmMetadata;
  readonly problems: readonly CharmProblem[];
  /** Set when the directory itself could not be read. */
  readonly readError?: string;
}

/** Checks every directory and prints the result; returns the exit code (1 if any is invalid). */
export async function charmCheck(
  directories: readonly string[],
  options: CharmCheckOptions,
  io: CliIo,
): Promise<number> {
  const reports: CharmReport[] = [];
  for (const directory of directories) reports.push(await checkDirectory(io.cwd, directory));
  const print =
    options.format === 'json' ? renderJson : options.summary === true ? renderSummary : renderFull;
  io.stdout(print(reports));
  return reports.every((report) => report.ok) ? EXIT.ok : EXIT.failure;
}

/** Checks one charm; `directory` is kept as typed for messages and read relative to `cwd`. */
async function checkDirectory(cwd: string, directory: string): Promise<CharmReport> {
  try {
    const result = loadCharm(await readCharmDirectory(cwd, directory));
    return result.ok
      ? { directory, ok: true, metadata: result.metadata, problems: result.problems }
      : { directory, ok: false, problems: result.problems };
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    return { directory, ok: false, problems: [], readError: error.message };
  }
}

function renderFull(reports: readonly CharmReport[]): string {
  const sections = reports.map((report) => {
    const heading =
      report.metadata === undefined
        ? `Charm in ${report.directory}: invalid`
        : `Charm ${report.metadata.name} (${report.metadata.source} in ${report.directory})`;
    const table =
      report.metadata === undefined ? '' : endpointTable(applicationEndpoints(report.metadata));
    return `${heading}\n${table}${problemLines(report)}`;
  });
  return `${sections.join('\n')}\n${totals(reports)}`;
}

function endpointTable(endpoints: readonly Endpoint[]): string {
  const rows = endpoints.map((endpoint) => [
    endpoint.name,
    endpoint.role,
    endpoint.interface,
    endpoint.limit === 0 ? '-' : String(endpoint.limit),
    endpoint.optional ? 'yes' : 'no',
    endpoint.scope,
    isImplicitEndpoint(endpoint) ? 'implicit' : '',
  ]);
  return renderTable(
    ['Endpoint', 'Role', 'Interface', 'Limit', 'Optional', 'Scope', 'Notes'],
    rows,
  );
}

function renderSummary(reports: readonly CharmReport[]): string {
  const rows = reports.map((report) => {
    const meta = report.metadata;
    const count = (role: Endpoint['role']): string =>
      meta === undefined ? '-' : String(meta.endpoints.filter((e) => e.role === role).length);
    return [
      meta?.name ?? '-',
      report.ok ? 'valid' : 'invalid',
      count('provider'),
      count('requirer'),
      count('peer'),
      meta === undefined ? '-' : String(meta.config.length),
      meta === undefined ? '-' : String(meta.actions.length),
      String(countBySeverity(report, 'error') + (report.readError === undefined ? 0 : 1)),
      String(countBySeverity(report, 'warning')),
      report.directory,
    ];
  });
  const table = renderTable(
    [
      'Charm',
      'Status',
      'Provides',
      'Requires',
      'Peers',
      'Config',
      'Actions',
      'Errors',
      'Warnings',
      'Directory',
    ],
    rows,
  );
  const errors = reports
    .filter((report) => !report.ok)
    .map((report) => problemLines(report, 'error'))
    .join('');
  return `${table}${errors === '' ? '' : `\n${errors}`}\n${totals(reports)}`;
}

/** The problems of one charm, each as `file:line:col: severity [code] message` and its fix. */
function problemLines(report: CharmReport, only?: CharmProblem['severity']): string {
  const lines: string[] = [];
  if (report.readError !== undefined) lines.push(`ERROR ${report.readError}`);
  for (const problem of report.problems) {
    if (only !== undefined && problem.severity !== only) continue;
    lines.push(formatProblem(problem, report.directory), `    fix: ${problem.fix}`);
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

function countBySeverity(report: CharmReport, severity: CharmProblem['severity']): number {
  return report.problems.filter((problem) => problem.severity === severity).length;
}

function totals(reports: readonly CharmReport[]): string {
  const valid = reports.filter((report) => report.ok).length;
  const errors = reports.reduce(
    (sum, r) => sum + r.problems.filter(isError).length + (r.readError === undefined ? 0 : 1),
    0,
  );
  const warnings = reports.reduce((sum, r) => sum + countBySeverity(r, 'warning'), 0);
  const noun = reports.length === 1 ? 'charm' : 'charms';
  return `${reports.length} ${noun} checked: ${valid} valid, ${reports.length - valid} invalid (${errors} errors, ${warnings} warnings)\n`;
}

function renderJson(reports: readonly CharmReport[]): string {
  const charms = reports.map((report) => ({
    directory: report.directory,
    ok: report.ok,
    ...(report.readError === undefined ? {} : { error: report.readError }),
    ...(report.metadata === undefined
      ? {}
      : {
          metadata: {
            ...report.metadata,
            endpoints: applicationEndpoints(report.metadata).map((endpoint) => ({
              ...endpoint,
              implicit: isImplicitEndpoint(endpoint),
            })),
          },
        }),
    problems: report.problems.map((problem) => ({
      ...problem,
      file: `${report.directory}/${problem.file}`,
    })),
  }));
  const valid = reports.filter((report) => report.ok).length;
  return `${JSON.stringify({ charms, valid, invalid: reports.length - valid }, null, 2)}\n`;
}
