/**
 * Rows of cells as aligned text lines, each indented by two spaces and padded per column,
 * for the terminal output of the commands.
 */
export function textTable(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => `  ${r.map((cell, c) => cell.padEnd(widths[c])).join("  ")}`.trimEnd());
}
