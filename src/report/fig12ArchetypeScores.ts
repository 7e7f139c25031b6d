import type { TopLevelSpec } from "vega-lite";
import type { RankingMethod } from "../evaluate/experiments/types.js";
import { requireExperiments } from "./experimentLookup.js";
import { requireAttribute } from "./factorProfileRows.js";
import {
  capitalize,
  type FigureDefinition,
  type FigureRow,
  finiteOrNull,
} from "./figureDefinition.js";
import { figureConfig, IS_DEEPUNHIDE, methodColorScale, methodLabel } from "./figureTheme.js";
import type { ResultsDocument } from "./resultsDocument.js";

const COLUMNS = ["mode", "method", "methodLabel", "n", "archetype", "score", "correct"] as const;

/** E1 as a long table: one row per mode, method, N and archetype. */
export function archetypeScoreRows(document: ResultsDocument, attributeName: string): FigureRow[] {
  const { e1 } = requireExperiments(document, attributeName);
  const { groups } = requireAttribute(document.attributes, attributeName);
  return e1.rows.flatMap((row) => [
    {
      mode: row.mode,
      method: row.method,
      methodLabel: methodLabel(row.method),
      n: row.n,
      archetype: `${groups.majority.label} archetype`,
      score: finiteOrNull(row.majorityScore),
      correct: row.majorityCorrect,
    },
    {
      mode: row.mode,
      method: row.method,
      methodLabel: methodLabel(row.method),
      n: row.n,
      archetype: `${groups.minority.label} archetype`,
      score: finiteOrNull(row.minorityScore),
      correct: row.minorityCorrect,
    },
  ]);
}

/**
 * Paper Fig. 12 (E1): the classifier's output for the two archetypes from their top-N
 * factors, per method; one panel with the original net (other inputs zeroed), one with the
 * net retrained on the N factors. The 0.5 line is the decision threshold.
 */
export function archetypeScoresSpec(
  document: ResultsDocument,
  attributeName = "gender",
): TopLevelSpec {
  const { e1 } = requireExperiments(document, attributeName);
  const { groups } = requireAttribute(document.attributes, attributeName);
  const methods = [...new Set(e1.rows.map((r) => r.method))] as RankingMethod[];
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: {
      text: `E1 · ${capitalize(attributeName)}: classifier output for the archetypes from their top-N factors`,
      subtitle: `Solid: ${groups.majority.label} archetype (correct above 0.5); dashed: ${groups.minority.label} archetype (correct below 0.5). DeepUnHide drawn thick.`,
    },
    config: figureConfig(),
    data: { values: archetypeScoreRows(document, attributeName) },
    facet: {
      column: {
        field: "mode",
        type: "nominal",
        title: null,
        sort: ["zeroed", "retrained"],
        header: {
          labelExpr:
            "datum.value === 'zeroed' ? 'original MLN, other factors set to 0' : 'MLN retrained on the N factors'",
          labelFontWeight: "bold",
        },
      },
    },
    spec: {
      width: 380,
      height: 260,
      layer: [
        {
          name: "scores",
          mark: { type: "line", point: false },
          encoding: {
            x: { field: "n", type: "quantitative", title: "N (factors kept)" },
            y: {
              field: "score",
              type: "quantitative",
              title: `classifier output (1 = ${groups.majority.label})`,
              scale: { domain: [0, 1] },
            },
            color: {
              field: "methodLabel",
              type: "nominal",
              title: "ranking",
              scale: methodColorScale(methods),
            },
            strokeDash: {
              field: "archetype",
              type: "nominal",
              title: "archetype",
              scale: {
                domain: [
                  `${groups.majority.label} archetype`,
                  `${groups.minority.label} archetype`,
                ],
                range: [
                  [1, 0],
                  [4, 3],
                ],
              },
            },
            strokeWidth: { condition: { test: IS_DEEPUNHIDE, value: 3.5 }, value: 1.3 },
            opacity: { condition: { test: IS_DEEPUNHIDE, value: 1 }, value: 0.75 },
            detail: { field: "method", type: "nominal" },
          },
        },
        {
          name: "threshold",
          // One row per panel: a datum rule over the panel's rows would be drawn once per row.
          transform: [{ aggregate: [{ op: "count", as: "rows" }], groupby: ["mode"] }],
          mark: { type: "rule", color: "#222", strokeDash: [2, 2] },
          encoding: { y: { datum: 0.5, type: "quantitative" } },
        },
      ],
    },
  };
}

/** Fig. 12 with its table and caption. */
export function archetypeScoresFigure(
  document: ResultsDocument,
  attributeName = "gender",
): FigureDefinition {
  const { groups } = requireAttribute(document.attributes, attributeName);
  return {
    name: `fig12-e1-${attributeName}`,
    title: `Fig. 12 — E1: the ${attributeName} archetypes classified from N factors`,
    caption:
      "Paper Fig. 12 (E1) showed the MLN's output for the representative male and female users kept to their N best factors (N = 1…20), DeepUnHide against logistic, entropy, variance and PCA. " +
      `Here: every ranking method, both ways of keeping N factors; a ${groups.majority.label} line above 0.5 and a ${groups.minority.label} line below it are correct. ` +
      "The archetypes are DeepUnHide's own construction, so this experiment favours DeepUnHide by design; E2 and E3 classify real users.",
    columns: COLUMNS,
    rows: archetypeScoreRows(document, attributeName),
    spec: archetypeScoresSpec(document, attributeName),
  };
}
