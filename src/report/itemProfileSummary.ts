import type { ItemProfileDocument } from "./itemProfileDocument.js";

/** Genres the terminal summary lists, strongest signal first. */
const SUMMARY_GENRES = 6;

/**
 * The item side in the terminal summary: how many genres were profiled, then the genres
 * whose output separates best (test AUC) with the floor beside the accuracy and their top
 * factors. Empty without an item profile.
 */
export function itemProfileSummaryLines(items: ItemProfileDocument | undefined): string[] {
  if (items === undefined || items.genres.length === 0) return [];
  const byAuc = [...items.genres].sort(
    (a, b) => (b.classifier.test.auc || 0) - (a.classifier.test.auc || 0),
  );
  const width = Math.max(...items.genres.map((g) => g.name.length));
  const auc = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : " n/a ");
  return [
    "",
    `Item factors against genres: ${items.genres.length} genres with ≥ ${items.config.minItems} items each way, ${items.items.included} items rated ≥ ${items.config.minRatings} times, ${items.items.test} test items; the ${Math.min(SUMMARY_GENRES, byAuc.length)} best separated:`,
    `  ${"genre".padEnd(width)}  AUC    balanced acc.  accuracy  majority floor  top factors`,
    ...byAuc.slice(0, SUMMARY_GENRES).map((g) => {
      const t = g.classifier.test;
      return `  ${g.name.padEnd(width)}  ${auc(t.auc)}  ${t.balancedAccuracy.toFixed(3).padEnd(13)}  ${t.accuracy.toFixed(3).padEnd(8)}  ${t.majorityFloor.toFixed(3).padEnd(14)}  ${g.topFactors.map((f) => f.factor).join(", ")}`;
    }),
    `  (all genres, the figure and the table: results.json → items, report.html)`,
  ];
}
