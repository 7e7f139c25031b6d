import type { TopLevelSpec } from "vega-lite";
import { requireAttribute } from "./factorProfileRows.js";
import { capitalize, type FigureDefinition, type FigureRow } from "./figureDefinition.js";
import { CONTEXT_COLOR, figureConfig, TABLEAU10 } from "./figureTheme.js";
import { relevancyPanel } from "./relevancyPanel.js";
import type { ResultsDocument } from "./resultsDocument.js";

const COLUMNS = [
  "factor",
  "relevancy",
  "selected",
  "majorityShare",
  "versusMajorityShare",
  "selectedBy",
] as const;

/**
 * One row per factor: the attribute's relevancy and selection, its majority share and the
 * other attribute's majority share, and which of the two selections took the factor.
 */
export function ageProfileRows(
  document: ResultsDocument,
  attributeName = "age",
  versusName = "gender",
): FigureRow[] {
  const attribute = requireAttribute(document.attributes, attributeName);
  const versus = requireAttribute(document.attributes, versusName);
  const selected = new Set(attribute.selected);
  const versusSelected = new Set(versus.selected);
  return attribute.relevancy.map((relevancy, factor) => {
    const mine = selected.has(factor);
    const theirs = versusSelected.has(factor);
    return {
      factor,
      relevancy,
      selected: mine,
      majorityShare: attribute.proportions.majority[factor],
      versusMajorityShare: versus.proportions.majority[factor],
      selectedBy: mine && theirs ? "both" : mine ? attributeName : theirs ? versusName : "neither",
    };
  });
}

/**
 * Paper Fig. 11: the relevancy of the second attribute (age) with its threshold, and a
 * scatter of each factor's majority share under both attributes.
 */
export function ageProfileSpec(
  document: ResultsDocument,
  attributeName = "age",
  versusName = "gender",
): TopLevelSpec {
  const attribute = requireAttribute(document.attributes, attributeName);
  const versus = requireAttribute(document.attributes, versusName);
  const k = attribute.relevancy.length;
  const width = Math.max(400, Math.min(1000, k * 9));
  const half = { datum: 0.5, type: "quantitative" } as const;
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: {
      text: `${capitalize(attributeName)}: relevant factors, and ${versusName} versus ${attributeName} per factor`,
      subtitle: `${attribute.selected.length} of ${k} factors reach relevancy ≥ ${attribute.selectionThreshold} for ${attributeName}`,
    },
    config: figureConfig(),
    data: { values: ageProfileRows(document, attributeName, versusName) },
    vconcat: [
      relevancyPanel({
        name: "relevancy",
        title: `Relevancy for ${attributeName}: normalized |${attribute.groups.majority.label} − ${attribute.groups.minority.label}|`,
        k,
        threshold: attribute.selectionThreshold,
        relevancyField: "relevancy",
        selectedField: "selected",
        width,
      }),
      {
        width: 360,
        height: 300,
        title: `Share of each factor: ${versus.groups.majority.label} (${versusName}) vs ${attribute.groups.majority.label} (${attributeName})`,
        layer: [
          {
            name: "scatter",
            mark: { type: "point", filled: true, size: 45, opacity: 0.85 },
            encoding: {
              x: {
                field: "versusMajorityShare",
                type: "quantitative",
                title: `${versus.groups.majority.label} share (${versusName})`,
                scale: { domain: [0, 1] },
              },
              y: {
                field: "majorityShare",
                type: "quantitative",
                title: `${attribute.groups.majority.label} share (${attributeName})`,
                scale: { domain: [0, 1] },
              },
              color: {
                field: "selectedBy",
                type: "nominal",
                title: "selected for",
                scale: {
                  domain: [attributeName, versusName, "both", "neither"],
                  range: [TABLEAU10[0], TABLEAU10[1], TABLEAU10[2], CONTEXT_COLOR],
                },
              },
              shape: {
                field: "selectedBy",
                type: "nominal",
                title: "selected for",
                scale: {
                  domain: [attributeName, versusName, "both", "neither"],
                  range: ["circle", "square", "diamond", "circle"],
                },
              },
              tooltip: [{ field: "factor", type: "quantitative" }],
            },
          },
          {
            name: "half_x",
            data: { values: [{}] },
            mark: { type: "rule", color: "#999", strokeDash: [3, 3] },
            encoding: { x: half },
          },
          {
            name: "half_y",
            data: { values: [{}] },
            mark: { type: "rule", color: "#999", strokeDash: [3, 3] },
            encoding: { y: half },
          },
        ],
      },
    ],
    resolve: { scale: { color: "independent", shape: "independent" } },
  };
}

/** Fig. 11 with its table and caption. */
export function ageProfileFigure(
  document: ResultsDocument,
  attributeName = "age",
  versusName = "gender",
): FigureDefinition {
  return {
    name: `fig11-profile-${attributeName}-vs-${versusName}`,
    title: `Fig. 11 — ${capitalize(attributeName)} relevancy; ${versusName} versus ${attributeName} per factor`,
    caption:
      `Paper Fig. 11 showed the factors most relevant to age (top) and, per factor, the gender proportions against the age proportions (bottom), noting that one factor can matter for both. ` +
      `Here: top, the ${attributeName} relevancy with its threshold; bottom, one point per factor at its ${versusName} majority share (x) and ${attributeName} majority share (y), coloured by which selection took it. Points near the dashed 0.5 lines encode both groups alike.`,
    columns: COLUMNS,
    rows: ageProfileRows(document, attributeName, versusName),
    spec: ageProfileSpec(document, attributeName, versusName),
  };
}
