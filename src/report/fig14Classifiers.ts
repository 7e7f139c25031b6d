import type { TopLevelSpec } from "vega-lite";
import type { ClassifierName, RankingMethod } from "../evaluate/experiments/types.js";
import { requireExperiments, spread } from "./experimentLookup.js";
import { capitalize, type FigureDefinition, type FigureRow } from "./figureDefinition.js";
import { figureConfig, IS_DEEPUNHIDE, methodColorScale, methodLabel } from "./figureTheme.js";
import type { ResultsDocument } from "./resultsDocument.js";

const COLUMNS = [
  "kind",
  "classifier",
  "method",
  "methodLabel",
  "mean",
  "std",
  "low",
  "high",
] as const;

/** Display names of the classifiers. */
export const CLASSIFIER_LABELS: Readonly<Record<ClassifierName, string>> = {
  mln: "MLN",
  logistic: "logistic regression",
  "svm-linear": "linear SVM",
  "svm-rbf": "RBF SVM",
  "random-forest": "random forest",
};

/**
 * E3 as one table: per classifier and method the test accuracy over seeds, plus the majority
 * floor (E2's, measured on the same seeds' splits) as a `reference` row.
 */
export function classifierRows(document: ResultsDocument, attributeName: string): FigureRow[] {
  const { e2, e3 } = requireExperiments(document, attributeName);
  const rows: FigureRow[] = e3.cells.map((cell) => ({
    kind: "method",
    classifier: CLASSIFIER_LABELS[cell.classifier],
    method: cell.method,
    methodLabel: methodLabel(cell.method),
    ...spread(cell.metrics.accuracy),
  }));
  rows.push({
    kind: "reference",
    classifier: null,
    method: null,
    methodLabel: "majority floor",
    ...spread(e2.majorityFloor),
  });
  return rows;
}

/**
 * Paper Fig. 14 (E3): grouped bars, one group per classifier and one bar per ranking method,
 * with ± std error bars and the majority floor as a rule. The y axis starts near the floor
 * because bars from zero would hide differences of a point or two.
 */
export function classifiersSpec(document: ResultsDocument, attributeName = "gender"): TopLevelSpec {
  const { e2, e3 } = requireExperiments(document, attributeName);
  const methods = [...new Set(e3.cells.map((c) => c.method))] as RankingMethod[];
  const classifiers = [...new Set(e3.cells.map((c) => CLASSIFIER_LABELS[c.classifier]))];
  const highs = e3.cells.map((c) => c.metrics.accuracy.mean + (c.metrics.accuracy.std || 0));
  const lows = e3.cells.map((c) => c.metrics.accuracy.mean - (c.metrics.accuracy.std || 0));
  const floor = e2.majorityFloor.mean;
  const yMin = Math.max(0, Math.floor((Math.min(floor, ...lows) - 0.03) * 50) / 50);
  const yMax = Math.min(1, Math.ceil((Math.max(floor, ...highs) + 0.01) * 50) / 50);
  const x = {
    field: "classifier",
    type: "nominal",
    title: "classifier",
    sort: classifiers,
    axis: { labelAngle: 0 },
  } as const;
  const xOffset = {
    field: "methodLabel",
    type: "nominal",
    sort: methods.map(methodLabel),
  } as const;
  const color = {
    field: "methodLabel",
    type: "nominal",
    title: "ranking",
    scale: methodColorScale(methods),
  } as const;
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: {
      text: `E3 · ${capitalize(attributeName)}: other classifiers on the top ${e3.n} factors`,
      subtitle: `Test accuracy, mean ± std over ${e3.seeds} seeds; dashed rule: majority floor ${floor.toFixed(3)}. DeepUnHide outlined. The y axis does not start at 0.`,
    },
    config: figureConfig(),
    data: { values: classifierRows(document, attributeName) },
    width: Math.max(480, classifiers.length * methods.length * 16),
    height: 280,
    layer: [
      {
        name: "bars",
        transform: [{ filter: "datum.kind === 'method'" }],
        mark: { type: "bar", clip: true },
        encoding: {
          x,
          xOffset,
          y: {
            field: "mean",
            type: "quantitative",
            title: "accuracy",
            scale: { domain: [yMin, yMax] },
          },
          color,
          stroke: { condition: { test: IS_DEEPUNHIDE, value: "#111" }, value: null },
          strokeWidth: { condition: { test: IS_DEEPUNHIDE, value: 1.5 }, value: 0 },
        },
      },
      {
        name: "errorbars",
        transform: [{ filter: "datum.kind === 'method'" }],
        mark: { type: "rule", color: "#222", clip: true },
        encoding: {
          x,
          xOffset,
          y: { field: "low", type: "quantitative" },
          y2: { field: "high" },
        },
      },
      {
        name: "floor",
        transform: [{ filter: "datum.kind === 'reference'" }],
        mark: { type: "rule", color: "#222", strokeDash: [6, 3], strokeWidth: 1.5 },
        encoding: { y: { field: "mean", type: "quantitative" } },
      },
    ],
  };
}

/** Fig. 14 with its table and caption. */
export function classifiersFigure(
  document: ResultsDocument,
  attributeName = "gender",
): FigureDefinition {
  const { e3 } = requireExperiments(document, attributeName);
  return {
    name: `fig14-e3-${attributeName}`,
    title: `Fig. 14 — E3: ${attributeName} accuracy of other classifiers at N = ${e3.n}`,
    caption:
      "Paper Fig. 14 (E3) showed the gender accuracy of logistic regression, SVM and random forest on the 50 best factors of each method, one run each. " +
      `Here: the same at N = ${e3.n}, mean ± std over seeds with paired splits, and the majority floor as a dashed rule. ` +
      "Bars that end near the floor mean the classifier mostly answers the majority group.",
    columns: COLUMNS,
    rows: classifierRows(document, attributeName),
    spec: classifiersSpec(document, attributeName),
  };
}
