/**
 * `deepunhide fairness`: the accuracy/fairness trade-off of factor re-weighting (the paper's)
 * or of the archetype shift, measured on the ratings the model folder's evaluation fit never saw.
 */

import { type FairnessDocument, modelFairness } from "../apply/fairnessInput.js";
import type { FairnessMethod } from "../apply/fairnessSweep.js";
import type { FavouredGroup } from "../apply/fairnessWeights.js";
import { ConfigError } from "../errors.js";
import { loadModelFolder } from "../io/modelFolder.js";
import { textTable } from "../report/textTable.js";

/** Options of {@link fairnessCommand}, as parsed from the command line. */
export interface FairnessCommandOptions {
  /** Model folder written by `deepunhide run`. */
  readonly model: string;
  /** Attribute name, e.g. `gender`. */
  readonly attribute: string;
  /** Group the weights favour. */
  readonly group: FavouredGroup;
  /** The lever: "reweight" (the paper's) or "shift". */
  readonly method: FairnessMethod;
  /** Strengths α. */
  readonly alphas: readonly number[];
  /** Most users whose lists measure exposure (default: the sweep's). */
  readonly maxListUsers?: number;
  /** Print the JSON document instead of the table. */
  readonly json: boolean;
}

/**
 * Parses `--alphas 0,0.5,1`: every entry must be a number (range checks happen in the sweep).
 * @throws ConfigError naming the entry that is not a number.
 */
export function parseAlphas(text: string): number[] {
  const parts = text.split(",").map((p) => p.trim());
  return parts.map((part) => {
    const alpha = Number(part);
    if (part === "" || !Number.isFinite(alpha)) {
      throw new ConfigError(`--alphas must be comma-separated numbers, got "${text}"`);
    }
    return alpha;
  });
}

/**
 * Loads the model, runs the sweep for one attribute and prints it.
 * @throws ConfigError for an α out of range, an unknown attribute or a folder without
 *   held-out data; ModelFormatError for a broken folder.
 */
export async function fairnessCommand(options: FairnessCommandOptions): Promise<void> {
  const model = await loadModelFolder(options.model);
  const document = modelFairness(model, options.attribute, options.model, {
    alphas: options.alphas,
    group: options.group,
    method: options.method,
    ...(options.maxListUsers !== undefined ? { maxListUsers: options.maxListUsers } : {}),
  });
  process.stdout.write(
    options.json ? `${JSON.stringify(document, null, 2)}\n` : `${formatFairness(document)}\n`,
  );
}

const f3 = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : "n/a");
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

/** The text form: one line per α with accuracy per group, Beyond-Parity and exposure. */
export function formatFairness(d: FairnessDocument): string {
  const { majority, minority } = d.groups;
  const favoured = d.config.group === "minority" ? minority : majority;
  const parity = d.rows[0]?.exposure.allLists.minorityLeaning.itemShare ?? Number.NaN;
  const header = [
    "α",
    "RMSE",
    `RMSE ${majority}`,
    `RMSE ${minority}`,
    `NDCG ${majority}`,
    `NDCG ${minority}`,
    "value",
    "abs.",
    "under",
    "over",
    "non-par.",
    "exp. all",
    `exp. ${minority} users`,
    `exp. ${majority} users`,
  ];
  const rows = d.rows.map((r) => {
    const bp = r.beyondParity;
    const e = r.exposure;
    return [
      String(r.alpha),
      f3(r.rmse.overall),
      f3(r.rmse.majority),
      f3(r.rmse.minority),
      f3(r.ndcg.majority),
      f3(r.ndcg.minority),
      f3(bp.value),
      f3(bp.absolute),
      f3(bp.under),
      f3(bp.over),
      f3(bp.nonParity),
      pct(e.allLists.minorityLeaning.exposureShare),
      pct(e.minorityLists.minorityLeaning.exposureShare),
      pct(e.majorityLists.minorityLeaning.exposureShare),
    ];
  });
  const lever =
    d.config.method === "shift"
      ? `Shifting every user toward the ${favoured} archetype (${d.attribute}, beyond the paper): r̂' = (p_u + α·s·d̂)·q_i, d̂ the unit archetype contrast, s the mean user norm`
      : `Re-weighting toward the ${favoured} factors (${d.attribute}): r̂' = Σ_j w_j p_uj q_ij, w_j = exp(α(2·share_j − 1))`;
  return [
    lever,
    `Measured on ${d.heldOut.ratings.toLocaleString("en-US")} held-out ratings of the fit that never saw them; NDCG@${d.config.ndcgCutoff} over the ${d.heldOut.rankedUsers} users with ≥ 2 of them.`,
    `Items leaning to ${minority}: ${d.leaningItems.minority}, to ${majority}: ${d.leaningItems.majority}, of ${d.leaningItems.items}. Exposure: the ${minority}-leaning items' share of the top-${d.config.top} exposure of leaning items (parity ${pct(parity)})${d.listUsers.measured < d.listUsers.of ? `, in the lists of a stratified sample of ${d.listUsers.measured.toLocaleString("en-US")} of the ${d.listUsers.of.toLocaleString("en-US")} users` : ""}.`,
    "",
    ...textTable([header, ...rows]),
    "",
    "value, abs., under, over, non-par.: Beyond-Parity unfairness (Yao & Huang 2017), rating units, 0 = fair.",
  ].join("\n");
}
