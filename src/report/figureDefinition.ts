import type { TopLevelSpec } from "vega-lite";

/** One cell of a figure's data table: what a CSV cell can hold. */
export type FigureValue = string | number | boolean | null;

/** One row of a figure's data table. */
export type FigureRow = Readonly<Record<string, FigureValue>>;

/**
 * A figure before rendering: its numbers as a flat table (also written as CSV) and the
 * Vega-Lite spec that draws exactly those rows.
 */
export interface FigureDefinition {
  /** File-name stem, e.g. `fig13-e2-gender`. */
  readonly name: string;
  readonly title: string;
  /** What the figure shows and which figure of the paper it corresponds to. */
  readonly caption: string;
  /** Column order of the table (and of the CSV). */
  readonly columns: readonly string[];
  readonly rows: readonly FigureRow[];
  readonly spec: TopLevelSpec;
}

/** Replaces NaN and infinities by null: Vega-Lite data and CSV both want "missing" there. */
export function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

/** Capitalizes the first letter, for attribute names in titles. */
export function capitalize(text: string): string {
  return text.length === 0 ? text : text[0].toUpperCase() + text.slice(1);
}
