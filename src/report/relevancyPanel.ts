import type { LayerSpec, UnitSpec } from "vega-lite/types_unstable/spec/index.js";
import { factorXEncoding } from "./factorProfileRows.js";
import { CONTEXT_COLOR, DEEPUNHIDE_COLOR } from "./figureTheme.js";

/** Options of {@link relevancyPanel}. */
export interface RelevancyPanelOptions {
  /** Prefix of the mark names, so two panels in one figure stay distinguishable. */
  readonly name: string;
  readonly title: string;
  readonly k: number;
  readonly threshold: number;
  /** Field holding the relevancy in the figure's rows. */
  readonly relevancyField: string;
  /** Field holding whether the factor is selected. */
  readonly selectedField: string;
  readonly width: number;
}

/**
 * Relevancy bars per factor with the selection threshold as a rule; selected factors take
 * DeepUnHide's colour, the others stay grey (paper Fig. 10 middle and bottom in one panel).
 */
export function relevancyPanel(options: RelevancyPanelOptions): LayerSpec<string> {
  const bars: UnitSpec<string> = {
    name: `${options.name}_bars`,
    mark: { type: "bar" },
    encoding: {
      x: factorXEncoding(options.k),
      y: {
        field: options.relevancyField,
        type: "quantitative",
        title: "relevancy",
        scale: { domain: [0, 1] },
      },
      color: {
        field: options.selectedField,
        type: "nominal",
        title: `relevancy ≥ ${options.threshold}`,
        scale: { domain: [true, false], range: [DEEPUNHIDE_COLOR, CONTEXT_COLOR] },
        legend: { labelExpr: "datum.label === 'true' ? 'selected' : 'not selected'" },
      },
    },
  };
  const rule: UnitSpec<string> = {
    name: `${options.name}_threshold`,
    // Own one-row data: with the figure's rows it would draw one rule per factor.
    data: { values: [{}] },
    mark: { type: "rule", color: "#222", strokeDash: [6, 3], strokeWidth: 1.5 },
    encoding: { y: { datum: options.threshold, type: "quantitative" } },
  };
  return { width: options.width, height: 160, title: options.title, layer: [bars, rule] };
}
