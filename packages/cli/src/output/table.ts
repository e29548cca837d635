/**
 * Plain-text tables in the shape of Juju's tabular output: a header row, columns separated by two
 * spaces, no borders, no trailing spaces. Text is left-aligned; columns of counts are
 * right-aligned, as Juju prints Scale, Rev or Units.
 */

/** Options of a table. */
export interface TableOptions {
  /** Indexes of columns to right-align (their header too). */
  readonly alignRight?: readonly number[];
  /** Paints a body cell once padded (colours must not count towards the widths). */
  readonly paint?: (column: number, cell: string, padded: string) => string;
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
  const line = (cells: readonly string[], paint = options.paint): string =>
    cells
      .map((cell, column) => {
        const padded = right.has(column)
          ? cell.padStart(widths[column] ?? 0)
          : cell.padEnd(widths[column] ?? 0);
        if (paint === undefined) return padded;
        // A painted last column is not padded: its spaces would follow the colour's reset.
        const last = column === cells.length - 1 && !right.has(column);
        return paint(column, cell, last ? cell : padded);
      })
      .join('  ')
      .trimEnd();
  return [line(headers, undefined), ...rows.map((row) => line(row))].join('\n') + '\n';
}
