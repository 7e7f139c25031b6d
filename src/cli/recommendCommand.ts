/**
 * `deepunhide recommend`: the top items a user has not rated, from a saved model folder,
 * optionally with a one-sentence explanation under each.
 */

import { type Explanation, explain } from "../apply/explain.js";
import { type Recommendation, recommend } from "../apply/recommend.js";
import { loadModelFolder } from "../io/modelFolder.js";

/** Options of {@link recommendCommand}, as parsed from the command line. */
export interface RecommendCommandOptions {
  /** Model folder written by `deepunhide run`. */
  readonly model: string;
  /** User id. */
  readonly user: string;
  /** List length. */
  readonly top: number;
  /** Add each item's explanation. */
  readonly explain: boolean;
  /** Print JSON instead of text. */
  readonly json: boolean;
}

/**
 * Loads the model, recommends and prints to stdout. With `json`, prints the
 * {@link Recommendation}, each item carrying an `explanation` when `explain` is set.
 * Errors (unknown user, bad top, broken folder) propagate as DeepUnhideError for the CLI.
 */
export async function recommendCommand(options: RecommendCommandOptions): Promise<void> {
  const model = await loadModelFolder(options.model);
  const list = recommend(model, options.user, { top: options.top });
  const explanations: Explanation[] = options.explain
    ? list.items.map((it) => explain(model, options.user, it.item))
    : [];
  if (options.json) {
    const items = list.items.map((it, n) =>
      options.explain ? { ...it, explanation: explanations[n] } : it,
    );
    process.stdout.write(`${JSON.stringify({ ...list, items }, null, 2)}\n`);
    return;
  }
  process.stdout.write(
    `${formatRecommendation(list, model.manifest.dataset.name, explanations)}\n`,
  );
}

/** The text form of a recommendation list, explanations (if any) under their items. */
export function formatRecommendation(
  list: Recommendation,
  dataset: string,
  explanations: readonly Explanation[] = [],
): string {
  const excluded =
    list.excluded > 0 ? `, leaving out the ${list.excluded} items the user rated` : "";
  const lines = [`Top ${list.items.length} for user ${list.user} (${dataset}${excluded})`];
  const width = String(list.items.length).length;
  list.items.forEach((it, n) => {
    const name = it.title ?? `item ${it.item}`;
    const genres =
      it.genres !== undefined && it.genres.length > 0 ? ` · ${it.genres.join(", ")}` : "";
    lines.push(
      `  ${String(n + 1).padStart(width)}. ${it.score.toFixed(2)}  ${name}${genres}  [item ${it.item}]`,
    );
    const e = explanations[n];
    if (e !== undefined) lines.push(`  ${" ".repeat(width)}  ${e.summary}`);
  });
  return lines.join("\n");
}
