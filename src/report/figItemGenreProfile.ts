import type { TopLevelSpec } from "vega-lite";
import { factorXEncoding } from "./factorProfileRows.js";
import type { FigureDefinition, FigureRow } from "./figureDefinition.js";
import { figureConfig } from "./figureTheme.js";
import type { ItemProfileDocument } from "./itemProfileDocument.js";

const COLUMNS = ["genre", "factor", "relevancy", "withShare", "selected", "testAuc"] as const;

/** One row per genre and factor: the relevancy, the "with" share and the selection. */
export function itemGenreProfileRows(items: ItemProfileDocument): FigureRow[] {
  return items.genres.flatMap((g) => {
    const selected = new Set(g.selected);
    return g.relevancy.map((relevancy, factor) => ({
      genre: g.name,
      factor,
      relevancy,
      withShare: g.proportions.with[factor],
      selected: selected.has(factor),
      testAuc: Number.isFinite(g.classifier.test.auc) ? g.classifier.test.auc : null,
    }));
  });
}

/**
 * Fig. 10 for items: a heatmap of each genre's relevancy per factor, genres in the dataset's
 * order with their test AUC in the label, the selected factors (relevancy ≥ threshold) outlined.
 */
export function itemGenreProfileSpec(items: ItemProfileDocument): TopLevelSpec {
  const k = items.genres[0]?.relevancy.length ?? 0;
  const width = Math.max(400, Math.min(1000, k * 9));
  const labels = Object.fromEntries(
    items.genres.map((g) => [g.name, `${g.name} (AUC ${g.classifier.test.auc.toFixed(2)})`]),
  );
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: {
      text: "Genres: which factors characterize each one",
      subtitle: `Relevancy |p̃with − p̃without| per factor, one MLN output per genre on the item factors; outlined: relevancy ≥ ${items.config.threshold}`,
    },
    config: figureConfig(),
    data: { values: itemGenreProfileRows(items) },
    width,
    height: Math.max(120, 16 * items.genres.length),
    transform: [{ calculate: `${JSON.stringify(labels)}[datum.genre]`, as: "genreLabel" }],
    name: "genre_cells",
    mark: { type: "rect" },
    encoding: {
      x: factorXEncoding(k),
      y: {
        field: "genreLabel",
        type: "nominal",
        title: null,
        sort: items.genres.map((g) => labels[g.name]),
      },
      color: {
        field: "relevancy",
        type: "quantitative",
        title: "relevancy",
        scale: { scheme: "blues", domain: [0, 1] },
      },
      stroke: {
        condition: { test: "datum.selected", value: "#222" },
        value: null,
      },
      strokeWidth: { value: 0.8 },
    },
  };
}

/** The item-side figure with its table and caption. */
export function itemGenreProfileFigure(items: ItemProfileDocument): FigureDefinition {
  return {
    name: "fig10-items-genres",
    title: "Fig. 10 for items — genre relevancy per factor",
    caption:
      'Paper §2.2 proposes the same localization on the item factors against item attributes. Here one MLN with one sigmoid output per genre ("has genre g") is trained on the item factors, and each output\'s two archetypes ("has g", "has not g") are compared exactly like the demographic ones (Fig. 10). ' +
      "Each row is a genre, with the test AUC of its output: a row whose AUC is near 0.5 is a genre the factors do not encode, and its relevancy pattern means nothing. The same caveat as Fig. 10 holds: relevancy compares two min–max normalized archetypes.",
    columns: COLUMNS,
    rows: itemGenreProfileRows(items),
    spec: itemGenreProfileSpec(items),
  };
}
