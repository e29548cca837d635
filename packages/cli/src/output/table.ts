/**
 * Plain-text tables in the shape of Juju's tabular output: a header row, columns separated by two
 * spaces, no borders, no trailing spaces. Text is left-aligned; columns of counts are
 * right-aligned, as Juju prints Scale, Rev or Units.
 */

/** Options of a table. */
export interface TableOptions {
  /** Indexes of columns to right-align (their header too). */
  readonly alignRight?: readonly number[];
}

/** Renders rows under the given headers; every row must have one cell per header. */
export function renderTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  options: TableOptions = {},
): string {
  const right = new Set(options.alignRight ?? []);
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) =>
        right.has(column) ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0),
      )
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)].join('\n') + '\n';
}
