/** `deepunhide explain`: why the model predicts what it does for one user and one item. */

import { type Explanation, explain } from "../apply/explain.js";
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
  lines.push("", "Factors that weigh most:");
  for (const f of e.topFactors) {
    const leanings = f.attributes
      .map(
        (l) =>
          `${l.attribute} relevancy ${l.relevancy.toFixed(2)}, leans ${l.leansTo} ${(100 * l.share).toFixed(0)}%`,
      )
      .join("; ");
    lines.push(
      `  factor ${String(f.factor).padStart(3)}  ${signed(f.contribution)} (user ${f.userValue.toFixed(2)} × item ${f.itemValue.toFixed(2)})${leanings !== "" ? `  ${leanings}` : ""}`,
    );
  }
  lines.push("", e.summary);
  return lines.join("\n");
}
