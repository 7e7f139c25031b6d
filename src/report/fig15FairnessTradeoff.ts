import type { TopLevelSpec } from "vega-lite";
import type { FairnessDocument } from "../apply/fairnessInput.js";
import {
  capitalize,
  type FigureDefinition,
  type FigureRow,
  finiteOrNull,
} from "./figureDefinition.js";
import { figureConfig } from "./figureTheme.js";
import type { ResultsDocument } from "./resultsDocument.js";

const COLUMNS = [
  "attribute",
  "favoured",
  "alpha",
  "rmse",
  "rmseMajority",
  "rmseMinority",
  "ndcgMajority",
  "ndcgMinority",
  "valueUnfairness",
  "nonParity",
  "minorityLeaningExposureShare",
  "parityShare",
  "exposureRatio",
] as const;

/** One row per attribute and α: what the trade-off figure and its CSV show. */
export function fairnessTradeoffRows(document: ResultsDocument): FigureRow[] {
  const rows: FigureRow[] = [];
  for (const sweep of Object.values(document.uses?.fairness ?? {}) as FairnessDocument[]) {
    for (const r of sweep.rows) {
      const e = r.exposure.allLists.minorityLeaning;
      rows.push({
        attribute: `${capitalize(sweep.attribute)} (${sweep.groups.minority}-leaning items)`,
        favoured: sweep.groups[sweep.config.group],
        alpha: r.alpha,
        rmse: finiteOrNull(r.rmse.overall),
        rmseMajority: finiteOrNull(r.rmse.majority),
        rmseMinority: finiteOrNull(r.rmse.minority),
        ndcgMajority: finiteOrNull(r.ndcg.majority),
        ndcgMinority: finiteOrNull(r.ndcg.minority),
        valueUnfairness: finiteOrNull(r.beyondParity.value),
        nonParity: finiteOrNull(r.beyondParity.nonParity),
        minorityLeaningExposureShare: finiteOrNull(e.exposureShare),
        parityShare: finiteOrNull(e.itemShare),
        exposureRatio: finiteOrNull(e.ratio),
      });
    }
  }
  return rows;
}

/**
 * The trade-off of re-weighting, two panels over α: the minority-leaning items' exposure
 * relative to parity (1 = parity, dashed), and the held-out RMSE. Not in the paper, which
 * proposes the re-weighting without measuring it.
 */
export function fairnessTradeoffSpec(document: ResultsDocument): TopLevelSpec {
  const color = { field: "attribute", type: "nominal", title: "attribute" } as const;
  const x = { field: "alpha", type: "quantitative", title: "α (re-weighting strength)" } as const;
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: {
      text: "Fairness of re-weighting the factors toward the minority",
      subtitle:
        "Held-out ratings of the fit that never saw them; exposure with weights 1/log2(1 + rank) over every user's top-10 list",
    },
    config: figureConfig(),
    data: { values: fairnessTradeoffRows(document) },
    hconcat: [
      {
        width: 340,
        height: 240,
        title: "Minority-leaning items' exposure ÷ parity",
        layer: [
          {
            name: "exposure",
            mark: { type: "line", point: true, strokeWidth: 2 },
            encoding: {
              x,
              y: {
                field: "exposureRatio",
                type: "quantitative",
                title: "exposure share ÷ share of items",
                scale: { zero: false },
              },
              color,
            },
          },
          {
            name: "parity",
            mark: { type: "rule", color: "#555", strokeDash: [6, 3] },
            data: { values: [{ parity: 1 }] },
            encoding: { y: { field: "parity", type: "quantitative" } },
          },
        ],
      },
      {
        width: 340,
        height: 240,
        title: "Held-out RMSE",
        mark: { type: "line", point: true, strokeWidth: 2 },
        encoding: {
          x,
          y: { field: "rmse", type: "quantitative", title: "RMSE", scale: { zero: false } },
          color,
        },
      },
    ],
  };
}

/** The trade-off figure with its table and caption. */
export function fairnessTradeoffFigure(document: ResultsDocument): FigureDefinition {
  return {
    name: "fig15-fairness-tradeoff",
    title: "Fairness — exposure and accuracy against the re-weighting strength α",
    caption:
      "The paper proposes re-weighting the factors of the minority (§1, Fig. 2) without measuring it. " +
      "Left: the share of top-10 exposure that the items the minority likes more get, divided by their share of the leaning items (1 = parity, dashed). " +
      "Right: the RMSE of the re-weighted predictions on the held-out ratings (α = 0 is the plain model).",
    columns: COLUMNS,
    rows: fairnessTradeoffRows(document),
    spec: fairnessTradeoffSpec(document),
  };
}
