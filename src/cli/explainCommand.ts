/** `deepunhide explain`: why the model predicts what it does for one user and one item. */

import { type Explanation, explain } from "../apply/explain.js";
import type { ItemTraits } from "../apply/itemTraits.js";
import type { GroupPart } from "../apply/sharedPart.js";
import { loadModelFolder } from "../io/modelFolder.js";

/** Options of {@link explainCommand}, as parsed from the command line. */
export interface ExplainCommandOptions {
  /** Model folder written by `deepunhide run`. */
  readonly model: string;
  /** User id. */
  readonly user: string;
  /** Item id. */
  readonly item: string;
  /** Print the {@link Explanation} as JSON instead of text. */
  readonly json: boolean;
}

/**
 * Loads the model, explains the prediction and prints it to stdout. Errors (unknown ids,
 * broken folder) propagate as DeepUnhideError for the CLI.
 */
export async function explainCommand(options: ExplainCommandOptions): Promise<void> {
  const model = await loadModelFolder(options.model);
  const e = explain(model, options.user, options.item);
  process.stdout.write(
    options.json ? `${JSON.stringify(e, null, 2)}\n` : `${formatExplanation(e)}\n`,
  );
}

const signed = (x: number) => `${x >= 0 ? "+" : "−"}${Math.abs(x).toFixed(2)}`;
const pct = (x: number) => `${x.toFixed(0).padStart(3)}%`;

/** The text form of an explanation: the summary, the group parts and the top factors. */
export function formatExplanation(e: Explanation): string {
  const name = e.title !== undefined ? `"${e.title}"` : `item ${e.item}`;
  const genres = e.genres !== undefined && e.genres.length > 0 ? ` · ${e.genres.join(", ")}` : "";
  const lines = [
    `User ${e.user} · item ${e.item} ${name}${genres}`,
    `Predicted rating ${e.prediction.toFixed(3)} = the sum of ${e.contributions.length} factor contributions p_uj·q_ij: ${signed(e.raise)} raise it, ${signed(e.lower)} lower it (total pull ${e.totalPull.toFixed(2)})`,
  ];
  if (e.attributes.length > 0) {
    lines.push(
      "",
      "Split by what each factor encodes (its group proportions); % of the total pull:",
      "  attribute  group     part    raises  lowers",
    );
    for (const a of e.attributes) {
      for (const g of [a.majority, a.minority]) {
        lines.push(
          `  ${(g === a.majority ? a.attribute : "").padEnd(9)}  ${g.group.padEnd(8)} ${signed(g.net).padStart(6)}  ${pct(g.positivePercent)}    ${pct(g.negativePercent)}`,
        );
      }
    }
  }
  if (e.itemTraits !== undefined) lines.push("", ...formatItemTraits(e.itemTraits));
  lines.push("", "Factors that weigh most:");
  for (const f of e.topFactors) {
    const leanings = f.attributes
      .map(
        (l) =>
          `${l.attribute} relevancy ${l.relevancy.toFixed(2)}, leans ${l.leansTo} ${(100 * l.share).toFixed(0)}%`,
      )
      .join("; ");
    const genres =
      f.genres === undefined
        ? ""
        : f.genres.length === 0
          ? "; characterizes no genre"
          : `; characterizes ${f.genres
              .slice(0, TRAIT_GENRES_PER_FACTOR)
              .map((g) => `${g.genre} ${g.relevancy.toFixed(2)}`)
              .join(", ")}`;
    lines.push(
      `  factor ${String(f.factor).padStart(3)}  ${signed(f.contribution)} (user ${f.userValue.toFixed(2)} × item ${f.itemValue.toFixed(2)})${leanings !== "" ? `  ${leanings}` : ""}${genres}`,
    );
  }
  lines.push("", e.summary);
  return lines.join("\n");
}

/** Genres listed per top factor in the text form. */
const TRAIT_GENRES_PER_FACTOR = 3;
/** Genre rows shown in the text form (all of them are in `--json`). */
const TRAIT_ROWS = 6;

/**
 * The item-trait table: the genres whose factors pull most (by raise + lower), the item's own
 * genres marked with *, and the pull of the factors that characterize no genre.
 */
export function formatItemTraits(traits: ItemTraits): string[] {
  const rows = [...traits.genres]
    .sort(
      (a, b) =>
        b.positivePercent + b.negativePercent - (a.positivePercent + a.negativePercent) ||
        a.group.localeCompare(b.group),
    )
    .slice(0, TRAIT_ROWS);
  const width = Math.max(8, ...traits.genres.map((g) => g.group.length + 2));
  const row = (name: string, g: GroupPart) =>
    `  ${name.padEnd(width)} ${signed(g.net).padStart(6)}  ${pct(g.positivePercent)}    ${pct(g.negativePercent)}`;
  return [
    `Split by the item traits the factors characterize (genres with relevancy ≥ ${traits.threshold}; * = the item's own genre); % of the total pull, top ${rows.length} of ${traits.genres.length}:`,
    `  ${"genre".padEnd(width)}   part    raises  lowers`,
    ...rows.map((g) => row(`${g.group}${g.itemHasGenre === true ? " *" : ""}`, g)),
    row(traits.unattributed.group, traits.unattributed),
  ];
}
