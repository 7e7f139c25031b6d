import type { TopLevelSpec } from "vega-lite";
import { factorProfileRows, factorXEncoding, requireAttribute } from "./factorProfileRows.js";
import { capitalize, type FigureDefinition } from "./figureDefinition.js";
import { figureConfig, TABLEAU10 } from "./figureTheme.js";
import { relevancyPanel } from "./relevancyPanel.js";
import type { ResultsDocument } from "./resultsDocument.js";

const COLUMNS = ["factor", "majorityShare", "minorityShare", "relevancy", "selected"] as const;

/**
 * Paper Fig. 10 for one attribute (gender by default): the two groups' proportions per factor
 * as stacked bars, then the relevancy with the threshold, selected factors highlighted.
 */
export function factorProfileSpec(
  document: ResultsDocument,
  attributeName = "gender",
): TopLevelSpec {
  const attribute = requireAttribute(document.attributes, attributeName);
  const k = attribute.relevancy.length;
  const { majority, minority } = attribute.groups;
  const width = Math.max(400, Math.min(1000, k * 9));
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: {
      text: `${capitalize(attributeName)}: what each factor encodes`,
      subtitle: `${attribute.selected.length} of ${k} factors reach relevancy ≥ ${attribute.selectionThreshold} (DeepUnHide's selection)`,
    },
    config: figureConfig(),
    data: { values: factorProfileRows(attribute) },
    vconcat: [
      {
        name: "proportions",
        width,
        height: 160,
        title: `${capitalize(majority.label)} and ${minority.label} proportions per factor`,
        transform: [
          { fold: ["majorityShare", "minorityShare"], as: ["group", "share"] },
          {
            calculate: `datum.group === 'majorityShare' ? ${JSON.stringify(majority.label)} : ${JSON.stringify(minority.label)}`,
            as: "groupLabel",
          },
        ],
        mark: { type: "bar" },
        encoding: {
          x: factorXEncoding(k),
          y: {
            field: "share",
            type: "quantitative",
            title: "proportion",
            stack: "zero",
            scale: { domain: [0, 1] },
          },
          color: {
            field: "groupLabel",
            type: "nominal",
            title: "group",
            // Blue / orange rather than the paper's blue / red: safe for red-green deficiencies.
            scale: {
              domain: [majority.label, minority.label],
              range: [TABLEAU10[0], TABLEAU10[1]],
            },
          },
          order: { field: "group", type: "ordinal" },
        },
      },
      relevancyPanel({
        name: "relevancy",
        title: `Relevancy: normalized |${majority.label} − ${minority.label}| of the normalized archetypes`,
        k,
        threshold: attribute.selectionThreshold,
        relevancyField: "relevancy",
        selectedField: "selected",
        width,
      }),
    ],
    resolve: { scale: { color: "independent" } },
  };
}

/** Fig. 10 with its table and caption. */
export function factorProfileFigure(
  document: ResultsDocument,
  attributeName = "gender",
): FigureDefinition {
  const attribute = requireAttribute(document.attributes, attributeName);
  const { majority, minority } = attribute.groups;
  return {
    name: `fig10-profile-${attributeName}`,
    title: `Fig. 10 — ${capitalize(attributeName)} proportions and relevancy per factor`,
    caption:
      `Paper Fig. 10 showed, for MovieLens gender, the male and female proportions of each factor (top), their normalized absolute difference (middle) and the factors above the 0.5 threshold (bottom). ` +
      `Here: top, the ${majority.label} and ${minority.label} shares p̃/(p̃M + p̃m) of each factor; bottom, the relevancy with the threshold ${attribute.selectionThreshold} as a dashed line and the selected factors in blue. ` +
      "A factor's relevancy compares two min–max normalized archetypes: it says where the factor sits between them, not how much the groups' real users differ on it.",
    columns: COLUMNS,
    rows: factorProfileRows(attribute),
    spec: factorProfileSpec(document, attributeName),
  };
}
