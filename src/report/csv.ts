import type { FigureDefinition, FigureRow, FigureValue } from "./figureDefinition.js";

/** One CSV field per RFC 4180: quoted when it holds a comma, a quote, CR or LF; quotes doubled. */
export function csvField(value: FigureValue | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number" && !Number.isFinite(value)) return "";
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A table as RFC 4180 CSV: a header line, CRLF line breaks, one final CRLF. */
export function toCsv(columns: readonly string[], rows: readonly FigureRow[]): string {
  const lines = [columns.map(csvField).join(",")];
  for (const row of rows) lines.push(columns.map((c) => csvField(row[c])).join(","));
  return `${lines.join("\r\n")}\r\n`;
}

/** A figure's numbers as CSV, in the figure's own column order. */
export function figureCsv(figure: Pick<FigureDefinition, "columns" | "rows">): string {
  return toCsv(figure.columns, figure.rows);
}
