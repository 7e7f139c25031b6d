import type { TopLevelSpec } from "vega-lite";
import type { MetricSummaries, RankingMethod, SeedSummary } from "../evaluate/experiments/types.js";
import { requireExperiments, spread } from "./experimentLookup.js";
import { capitalize, type FigureDefinition, type FigureRow } from "./figureDefinition.js";
import { figureConfig, IS_DEEPUNHIDE, methodColorScale, methodLabel } from "./figureTheme.js";
import type { ResultsDocument } from "./resultsDocument.js";

const COLUMNS = [
  "kind",
  "metric",
  "method",
  "methodLabel",
  "methodIndex",
  "reference",
  "n",
  "mean",
  "std",
  "low",
  "high",
] as const;

/** The two panels: the paper's accuracy, and the balanced accuracy that ignores class balance. */
const PANELS = [
  { key: "accuracy", label: "accuracy" },
  { key: "balancedAccuracy", label: "balanced accuracy" },
] as const satisfies readonly { key: keyof MetricSummaries; label: string }[];

/**
 * E2 as one table: per metric, method and N the mean ± std over seeds (`kind` = `method`),
 * plus the reference levels (`kind` = `reference`): the all-factor MLN, and the majority
 * floor (accuracy) or chance 0.5 (balanced accuracy).
 */
export function accuracyVsNRows(document: ResultsDocument, attributeName: string): FigureRow[] {
  const { e2 } = requireExperiments(document, attributeName);
  const methods = [...new Set(e2.cells.map((c) => c.method))];
  const rows: FigureRow[] = [];
  for (const panel of PANELS) {
    for (const cell of e2.cells) {
      rows.push({
        kind: "method",
        metric: panel.label,
        method: cell.method,
        methodLabel: methodLabel(cell.method),
        methodIndex: methods.indexOf(cell.method),
        reference: null,
        n: cell.n,
        ...spread(cell.metrics[panel.key]),
      });
    }
    const reference = (label: string, summary: SeedSummary): FigureRow => ({
      kind: "reference",
      metric: panel.label,
      method: null,
      methodLabel: null,
      methodIndex: null,
      reference: label,
      n: null,
      ...spread(summary),
    });
    rows.push(reference(`all ${document.mf.k} factors (MLN)`, e2.allFactors[panel.key]));
    rows.push(
      panel.key === "accuracy"
        ? reference("majority floor", e2.majorityFloor)
        : reference("chance", { values: [0.5], mean: 0.5, std: Number.NaN }),
    );
  }
  return rows;
}

/**
 * Paper Fig. 13 (E2): test accuracy of the MLN retrained on each method's top-N factors,
 * mean ± std over seeds, with the all-factor MLN and the floor as horizontal rules; a second
 * panel shows the balanced accuracy against chance.
 */
export function accuracyVsNSpec(document: ResultsDocument, attributeName = "gender"): TopLevelSpec {
  const { e2 } = requireExperiments(document, attributeName);
  const methods = [...new Set(e2.cells.map((c) => c.method))] as RankingMethod[];
  const maxN = Math.max(...e2.ns);
  // Spread the methods' error bars sideways a little at each N so they do not hide each other.
  const jitter = `datum.n + (datum.methodIndex - ${(methods.length - 1) / 2}) * ${(maxN / 250).toFixed(3)}`;
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: {
      text: `E2 · ${capitalize(attributeName)}: MLN retrained on the top-N factors of each ranking`,
      subtitle: `Test users, mean ± std over ${e2.seeds} seeds. Grey rules: the MLN on all factors (solid) and the majority floor or chance (dashed). DeepUnHide drawn thick.`,
    },
    config: figureConfig(),
    data: { values: accuracyVsNRows(document, attributeName) },
    facet: {
      column: {
        field: "metric",
        type: "nominal",
        title: null,
        sort: PANELS.map((p) => p.label),
        header: { labelFontWeight: "bold" },
      },
    },
    resolve: { scale: { y: "independent" } },
    spec: {
      width: 380,
      height: 280,
      layer: [
        {
          name: "errorbars",
          transform: [{ filter: "datum.kind === 'method'" }, { calculate: jitter, as: "x" }],
          mark: { type: "rule", strokeWidth: 1 },
          encoding: {
            x: { field: "x", type: "quantitative", title: "N (factors kept)" },
            y: { field: "low", type: "quantitative", title: "score", scale: { zero: false } },
            y2: { field: "high" },
            color: {
              field: "methodLabel",
              type: "nominal",
              title: "ranking",
              scale: methodColorScale(methods),
            },
          },
        },
        {
          name: "means",
          transform: [{ filter: "datum.kind === 'method'" }, { calculate: jitter, as: "x" }],
          mark: { type: "line", point: { filled: true, size: 18 } },
          encoding: {
            x: { field: "x", type: "quantitative", title: "N (factors kept)" },
            y: { field: "mean", type: "quantitative" },
            color: {
              field: "methodLabel",
              type: "nominal",
              title: "ranking",
              scale: methodColorScale(methods),
            },
            strokeWidth: { condition: { test: IS_DEEPUNHIDE, value: 3.5 }, value: 1.3 },
          },
        },
        {
          name: "references",
          transform: [{ filter: "datum.kind === 'reference'" }],
          mark: { type: "rule", color: "#555", strokeWidth: 1.5 },
          encoding: {
            y: { field: "mean", type: "quantitative" },
            strokeDash: {
              field: "reference",
              type: "nominal",
              title: "reference",
              scale: {
                domain: [`all ${document.mf.k} factors (MLN)`, "majority floor", "chance"],
                range: [
                  [1, 0],
                  [6, 3],
                  [2, 2],
                ],
              },
            },
          },
        },
      ],
    },
  };
}

/** Fig. 13 with its table and caption. */
export function accuracyVsNFigure(
  document: ResultsDocument,
  attributeName = "gender",
): FigureDefinition {
  return {
    name: `fig13-e2-${attributeName}`,
    title: `Fig. 13 — E2: ${attributeName} accuracy of the MLN on the top-N factors`,
    caption:
      "Paper Fig. 13 (E2) showed the accuracy of an MLN classifying all users' gender from the N best factors (N = 5…70), DeepUnHide against the baselines, one run each. " +
      "Here: mean ± one standard deviation over seeds with the same user split and initialization for every method; the all-factor MLN and the accuracy of always answering the majority are drawn as rules. " +
      "A curve that sits on the majority floor has learned nothing; the balanced-accuracy panel shows the same runs with 0.5 as chance whatever the class balance.",
    columns: COLUMNS,
    rows: accuracyVsNRows(document, attributeName),
    spec: accuracyVsNSpec(document, attributeName),
  };
}
