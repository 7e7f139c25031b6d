import type { Config } from "vega-lite";
import type { RankingMethod } from "../evaluate/experiments/types.js";

/**
 * The one font every figure uses. The PNG renderer loads this very font from the
 * `dejavu-fonts-ttf` package, so text is laid out the same on every machine.
 */
export const FIGURE_FONT = "DejaVu Sans";

/** Tableau 10: distinguishable for the common colour-vision deficiencies and in greyscale. */
export const TABLEAU10 = [
  "#4e79a7",
  "#f28e2b",
  "#e15759",
  "#76b7b2",
  "#59a14f",
  "#edc948",
  "#b07aa1",
  "#ff9da7",
  "#9c755f",
  "#bab0ac",
] as const;

/** Colour of the method the report is about, used wherever it must stand out. */
export const DEEPUNHIDE_COLOR = TABLEAU10[0];

/** Neutral colour for context marks (non-selected factors, reference lines). */
export const CONTEXT_COLOR = "#9d9d9d";

/** Display names of the ranking methods, in legend order (DeepUnHide first). */
export const METHOD_LABELS: Readonly<Record<RankingMethod, string>> = {
  deepunhide: "DeepUnHide",
  "deepunhide-per-group": "DeepUnHide per group",
  logistic: "logistic",
  entropy: "entropy (MI)",
  variance: "variance",
  "pca-loadings": "PCA loadings",
  "pca-components": "PCA components",
  centroid: "centroid difference",
  random: "random",
  "deepunhide-scaled": "DeepUnHide scaled",
  "deepunhide-ensemble": "DeepUnHide ensemble",
  "deepunhide-scaled-ensemble": "DeepUnHide scaled ensemble",
  "deepunhide-gradient": "DeepUnHide gradient",
  "deepunhide-gradient-ensemble": "DeepUnHide gradient ensemble",
  "deepunhide-contrast-ig": "DeepUnHide contrast IG",
  "deepunhide-contrast-ig-ensemble": "DeepUnHide contrast IG ensemble",
  "deepunhide-contrast-ig-rank-ensemble": "DeepUnHide contrast IG rank ensemble",
  "deepunhide-penalized": "DeepUnHide penalized",
  "deepunhide-penalized-ensemble": "DeepUnHide penalized ensemble",
};

// Random is grey so the chance baseline reads as "background"; DeepUnHide takes the strong blue.
const METHOD_COLORS: Readonly<Record<RankingMethod, string>> = {
  deepunhide: TABLEAU10[0],
  "deepunhide-per-group": TABLEAU10[3],
  logistic: TABLEAU10[1],
  entropy: TABLEAU10[4],
  variance: TABLEAU10[5],
  "pca-loadings": TABLEAU10[6],
  "pca-components": TABLEAU10[7],
  centroid: TABLEAU10[2],
  random: TABLEAU10[9],
  // The opt-in variants (issue 7): TABLEAU10's last free colour, then blues near DeepUnHide's.
  "deepunhide-scaled": TABLEAU10[8],
  "deepunhide-ensemble": "#a0cbe8",
  "deepunhide-scaled-ensemble": "#2b4a6f",
  "deepunhide-gradient": "#8cd17d",
  "deepunhide-gradient-ensemble": "#499894",
  "deepunhide-contrast-ig": "#b6992d",
  "deepunhide-contrast-ig-ensemble": "#86bcb6",
  "deepunhide-contrast-ig-rank-ensemble": "#d37295",
  "deepunhide-penalized": "#fabfd2",
  "deepunhide-penalized-ensemble": "#79706e",
};

/** Display name of a ranking method. */
export function methodLabel(method: RankingMethod): string {
  return METHOD_LABELS[method];
}

/**
 * Colour scale over the method labels present in a figure, in a fixed order, so a method
 * has the same colour in every figure.
 */
export function methodColorScale(methods: readonly RankingMethod[]): {
  domain: string[];
  range: string[];
} {
  const order = Object.keys(METHOD_LABELS) as RankingMethod[];
  const present = order.filter((m) => methods.includes(m));
  return { domain: present.map(methodLabel), range: present.map((m) => METHOD_COLORS[m]) };
}

/** Vega expression that is true for DeepUnHide's rows (they carry `method`). */
export const IS_DEEPUNHIDE = "datum.method === 'deepunhide'";

/** Shared look: font, sizes, white background, no chart border. */
export function figureConfig(): Config {
  return {
    font: FIGURE_FONT,
    background: "white",
    view: { stroke: null },
    title: { fontSize: 14, anchor: "start", subtitleFontSize: 11, subtitleColor: "#555" },
    axis: { labelFontSize: 10, titleFontSize: 11, gridColor: "#e8e8e8" },
    legend: { labelFontSize: 10, titleFontSize: 11, symbolStrokeWidth: 2, labelLimit: 240 },
    header: { labelFontSize: 11, titleFontSize: 11 },
    range: { category: [...TABLEAU10] },
  };
}
