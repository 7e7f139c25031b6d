import type { TopLevelSpec } from "vega-lite";
import type { UnitSpec } from "vega-lite/types_unstable/spec/index.js";
import {
  capitalize,
  type FigureDefinition,
  type FigureRow,
  finiteOrNull,
} from "./figureDefinition.js";
import { figureConfig } from "./figureTheme.js";
import type { ResultsDocument } from "./resultsDocument.js";

const COLUMNS = ["epoch", "panel", "output", "split", "value"] as const;

/**
 * The MLN's history as one long table: the loss (one per epoch, over all outputs) and the
 * accuracy of each attribute's output, on the training and the validation users.
 */
export function trainingCurveRows(document: ResultsDocument): FigureRow[] {
  const outputs = document.config.attributes;
  const rows: FigureRow[] = [];
  for (const record of document.classifier.history) {
    for (const split of ["train", "validation"] as const) {
      const loss = split === "train" ? record.trainLoss : record.validationLoss;
      rows.push({
        epoch: record.epoch,
        panel: "loss",
        output: "all outputs",
        split,
        value: finiteOrNull(loss),
      });
      const accuracies = split === "train" ? record.trainAccuracy : record.validationAccuracy;
      outputs.forEach((output, o) => {
        rows.push({
          epoch: record.epoch,
          panel: "accuracy",
          output,
          split,
          value: finiteOrNull(accuracies[o] ?? Number.NaN),
        });
      });
    }
  }
  return rows;
}

/** Paper Fig. 9: loss and per-output accuracy per epoch, train vs validation, best epoch marked. */
export function trainingCurvesSpec(document: ResultsDocument): TopLevelSpec {
  const rows = trainingCurveRows(document);
  const best = document.classifier.bestEpoch;
  const splitDash = {
    field: "split",
    type: "nominal",
    title: "users",
    scale: {
      domain: ["train", "validation"],
      range: [
        [1, 0],
        [5, 3],
      ],
    },
  } as const;
  const bestRule: UnitSpec<string> = {
    name: "best_epoch",
    mark: { type: "rule", color: "#555", strokeDash: [2, 2] },
    data: { values: [{ epoch: best }] },
    encoding: { x: { field: "epoch", type: "quantitative" } },
  };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: {
      text: "MLN training history",
      subtitle: `Dashed grey line: epoch ${best}, whose weights were kept (lowest validation loss)`,
    },
    config: figureConfig(),
    data: { values: rows },
    hconcat: [
      {
        width: 360,
        height: 240,
        title: "Binary cross-entropy (all outputs)",
        layer: [
          {
            name: "loss",
            transform: [{ filter: "datum.panel === 'loss' && isValid(datum.value)" }],
            mark: { type: "line", strokeWidth: 2 },
            encoding: {
              x: { field: "epoch", type: "quantitative", title: "epoch" },
              y: { field: "value", type: "quantitative", title: "loss", scale: { zero: false } },
              color: { value: "#555" },
              strokeDash: splitDash,
            },
          },
          bestRule,
        ],
      },
      {
        width: 360,
        height: 240,
        title: "Accuracy per attribute output",
        layer: [
          {
            name: "accuracy",
            transform: [{ filter: "datum.panel === 'accuracy' && isValid(datum.value)" }],
            mark: { type: "line", strokeWidth: 2 },
            encoding: {
              x: { field: "epoch", type: "quantitative", title: "epoch" },
              y: {
                field: "value",
                type: "quantitative",
                title: "accuracy",
                scale: { zero: false },
              },
              color: { field: "output", type: "nominal", title: "attribute" },
              strokeDash: splitDash,
            },
          },
          bestRule,
        ],
      },
    ],
    resolve: { scale: { color: "independent" } },
  };
}

/** Fig. 9 with its table and caption. */
export function trainingCurvesFigure(document: ResultsDocument): FigureDefinition {
  const outputs = document.config.attributes.map(capitalize).join(" and ");
  return {
    name: "fig09-training",
    title: "Fig. 9 — MLN training curves",
    caption:
      `Paper Fig. 9 showed the MLN's training and test accuracy for gender (a) and age (b) on MovieLens. ` +
      `Here: the loss and the accuracy of each output (${outputs}) per epoch on the training and validation users, measured with dropout off. ` +
      "Read the accuracy against the majority floor in the summary table: a curve that rises only a little above the share of the larger group carries little signal.",
    columns: COLUMNS,
    rows: trainingCurveRows(document),
    spec: trainingCurvesSpec(document),
  };
}
