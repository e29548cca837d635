/**
 * Plain-text tables in the shape of Juju's tabular output: a header row, columns left-aligned and
 * separated by two spaces, no borders, no trailing spaces.
 */

/** Renders rows under the given headers; every row must have one cell per header. */
export function renderTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)].join('\n') + '\n';
}
