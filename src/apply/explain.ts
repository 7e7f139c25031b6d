/**
 * Explanation of one prediction r̂_ui = Σ_j p_uj q_ij in demographic terms: each factor's
 * contribution c_j = p_uj q_ij, and the contributions split between the two groups of each
 * attribute by what the factor encodes (its group proportions from the profile, paper
 * Fig. 10 top).
 *
 * Definitions (all exact identities, up to float64 rounding):
 * - prediction = Σ_j c_j.
 * - For an attribute with per-factor shares M_j (majority) and m_j = 1 − M_j (minority):
 *   the majority part is Σ_j c_j M_j and the minority part Σ_j c_j m_j; they add up to the
 *   prediction. Each part is also split by sign: `positive` = Σ_{c_j > 0} c_j M_j (what
 *   raises the score), `negative` = Σ_{c_j < 0} c_j M_j (what lowers it, ≤ 0).
 * - Percentages are of the total pull T = Σ_j |c_j|: `positivePercent` = 100 · positive / T,
 *   `negativePercent` = 100 · |negative| / T. The four of an attribute add up to 100, so
 *   "36% of the pull raises the score through factors that characterize male users" reads
 *   directly, and a group whose factors lower the score is never hidden inside a net figure.
 * - With an item profile in the model folder, the same contributions are also split by the
 *   genres the factors characterize (`itemTraits`; definition in `itemTraits.ts`).
 */

import { ModelFormatError } from "../errors.js";
import type { LoadedModel } from "../io/modelFolder.js";
import type { FactorGenre } from "../unhide/genresByFactor.js";
import { itemInfo } from "./itemInfo.js";
import { type ItemTraits, itemTraits, traitsOfFactor } from "./itemTraits.js";
import { itemIndexOf, userIndexOf } from "./modelIds.js";
import { type GroupPart, sharedPart } from "./sharedPart.js";

/** Default number of factors listed in {@link Explanation.topFactors}. */
export const DEFAULT_TOP_FACTORS = 3;

/** One group's part of a prediction (see the module comment for the definitions). */
export type { GroupPart };

/** The prediction split between the two groups of one attribute. */
export interface AttributeParts {
  /** Attribute name, e.g. `gender`. */
  readonly attribute: string;
  readonly majority: GroupPart;
  readonly minority: GroupPart;
}

/** How one factor relates to one attribute. */
export interface FactorLeaning {
  readonly attribute: string;
  /** The factor's relevancy for this attribute, in [0, 1]. */
  readonly relevancy: number;
  /** The group whose share of the factor is at least one half. */
  readonly leansTo: string;
  /** That group's share of the factor, in [0.5, 1]. */
  readonly share: number;
}

/** One factor's contribution to a prediction. */
export interface FactorContribution {
  /** Factor index (0-based, as everywhere in deepunhide). */
  readonly factor: number;
  /** c_j = userValue · itemValue. */
  readonly contribution: number;
  /** p_uj. */
  readonly userValue: number;
  /** q_ij. */
  readonly itemValue: number;
  /** Relevancy and leaning per attribute. */
  readonly attributes: FactorLeaning[];
  /**
   * The genres the factor characterizes (relevancy ≥ the item profile's threshold), by
   * decreasing relevancy; only when the model folder has an item profile.
   */
  readonly genres?: FactorGenre[];
}

/** An explained prediction. */
export interface Explanation {
  readonly user: string;
  readonly userIndex: number;
  readonly item: string;
  readonly itemIndex: number;
  readonly title?: string;
  readonly genres?: string[];
  /** r̂_ui = Σ_j contributions[j]. */
  readonly prediction: number;
  /** c_j for every factor j, in factor order. */
  readonly contributions: number[];
  /** Σ of the positive c_j. */
  readonly raise: number;
  /** Σ of the negative c_j (≤ 0). */
  readonly lower: number;
  /** Σ_j |c_j|, the denominator of every percentage. */
  readonly totalPull: number;
  /** One entry per attribute of the model's profile, in the classifier's output order. */
  readonly attributes: AttributeParts[];
  /** The factors with the largest |c_j|, largest first. */
  readonly topFactors: FactorContribution[];
  /**
   * The prediction split by the genres its factors characterize (see `itemTraits.ts`); only
   * when the model folder has an item profile.
   */
  readonly itemTraits?: ItemTraits;
  /** One sentence for a person. */
  readonly summary: string;
}

/** Options of {@link explain}. */
export interface ExplainOptions {
  /** How many factors to list; default {@link DEFAULT_TOP_FACTORS}. */
  readonly topFactors?: number;
}

/**
 * Explains the predicted rating of a user for an item.
 * @throws ConfigError for an unknown user or item id.
 * @throws ModelFormatError when a saved profile does not have K factors.
 */
export function explain(
  model: LoadedModel,
  userId: string,
  itemId: string,
  options: ExplainOptions = {},
): Explanation {
  const u = userIndexOf(model, userId);
  const i = itemIndexOf(model, itemId);
  const k = model.manifest.k;
  // Products of two float32 values are exact in float64, so the contributions carry no
  // rounding, and summing them in factor order reproduces the recommender's score bit for bit.
  const c = new Float64Array(k);
  let prediction = 0;
  let raise = 0;
  let lower = 0;
  for (let j = 0; j < k; j++) {
    c[j] = model.userFactors[u * k + j] * model.itemFactors[i * k + j];
    prediction += c[j];
    if (c[j] > 0) raise += c[j];
    else lower += c[j];
  }
  const totalPull = raise - lower;
  const attributes = model.manifest.attributes
    .filter((a) => model.profiles[a.name] !== undefined)
    .map((a) => {
      const proportions = model.profiles[a.name].proportions;
      if (proportions.majority.length !== k || proportions.minority.length !== k) {
        throw new ModelFormatError(
          `the saved profile of "${a.name}" has ${proportions.majority.length} factors, the model ${k}`,
        );
      }
      return {
        attribute: a.name,
        majority: sharedPart(a.rule.majority, c, proportions.majority, totalPull),
        minority: sharedPart(a.rule.minority, c, proportions.minority, totalPull),
      };
    });
  const order = Array.from(c.keys()).sort((a, b) => Math.abs(c[b]) - Math.abs(c[a]) || a - b);
  const topFactors = order.slice(0, options.topFactors ?? DEFAULT_TOP_FACTORS).map((j) => ({
    factor: j,
    contribution: c[j],
    userValue: model.userFactors[u * k + j],
    itemValue: model.itemFactors[i * k + j],
    attributes: model.manifest.attributes
      .filter((a) => model.profiles[a.name] !== undefined)
      .map((a) => leaning(model, a.name, a.rule.majority, a.rule.minority, j)),
    ...(model.itemProfile !== undefined ? { genres: traitsOfFactor(model, j) } : {}),
  }));
  const info = itemInfo(model, i);
  const traits = itemTraits(model, c, totalPull, info.genres);
  const partial = {
    user: userId,
    userIndex: u,
    item: itemId,
    itemIndex: i,
    ...info,
    prediction,
    contributions: Array.from(c),
    raise,
    lower,
    totalPull,
    attributes,
    topFactors,
    ...(traits !== undefined ? { itemTraits: traits } : {}),
  };
  return { ...partial, summary: summarize(partial) };
}

function leaning(
  model: LoadedModel,
  attribute: string,
  majority: string,
  minority: string,
  j: number,
): FactorLeaning {
  const profile = model.profiles[attribute];
  const share = profile.proportions.majority[j];
  return {
    attribute,
    relevancy: profile.relevancy[j],
    leansTo: share >= 0.5 ? majority : minority,
    share: share >= 0.5 ? share : profile.proportions.minority[j],
  };
}

const pct = (x: number) => `${Math.round(x)}%`;
const signed = (x: number) => `${x >= 0 ? "+" : "−"}${Math.abs(x).toFixed(2)}`;

function summarize(e: Omit<Explanation, "summary">): string {
  const what = e.title !== undefined ? `"${e.title}"` : `item ${e.item}`;
  const genres = e.genres !== undefined && e.genres.length > 0 ? ` (${e.genres.join(", ")})` : "";
  // The first group gets the full wording, the others the short form, to keep one sentence.
  const parts = e.attributes.map((a) =>
    [a.majority, a.minority].map(
      (g) => `the ${g.group} share ${pct(g.positivePercent)} and ${pct(g.negativePercent)}`,
    ),
  );
  const first = e.attributes[0]?.majority;
  if (first !== undefined) {
    parts[0][0] = `the ${first.group} users' share of the factors raises it ${pct(first.positivePercent)} and lowers it ${pct(first.negativePercent)}`;
  }
  const head = `Predicted ${e.prediction.toFixed(2)} for user ${e.user} on ${what}${genres}`;
  const split =
    parts.length > 0
      ? `: of the factors' total pull, ${parts.map((p) => p.join(", ")).join("; ")}`
      : "";
  const top1 = e.topFactors[0];
  const top =
    top1 === undefined
      ? ""
      : `; factor ${top1.factor} weighs most (${signed(top1.contribution)}${
          top1.attributes.length > 0
            ? `, leans ${top1.attributes.map((l) => `${l.leansTo} ${pct(100 * l.share)}`).join(", ")}`
            : ""
        })`;
  return `${head}${split}${top}${traitsSentence(e.itemTraits)}.`;
}

/** How many genres the summary names. */
const SUMMARY_GENRES = 3;

/** The genres whose factors raise the score most, as the summary's last clause. */
function traitsSentence(traits: ItemTraits | undefined): string {
  if (traits === undefined) return "";
  const top = [...traits.genres]
    .sort((a, b) => b.positivePercent - a.positivePercent)
    .slice(0, SUMMARY_GENRES)
    .filter((g) => g.positivePercent > 0);
  if (top.length === 0) return "";
  const named = top.map(
    (g) =>
      `${g.group}${g.itemHasGenre === true ? " (its own genre)" : ""} ${pct(g.positivePercent)}`,
  );
  return `; as item traits, it rests most on the factors that characterize ${named.join(", ")} of the pull`;
}
