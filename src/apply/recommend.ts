/**
 * Top-N recommendation from a saved model: the items a user has not rated, ranked by the
 * predicted rating r̂_ui = p_u · q_i.
 */

import { ConfigError } from "../errors.js";
import type { LoadedModel } from "../io/modelFolder.js";
import { itemInfo } from "./itemInfo.js";
import { scoreItems, topItems } from "./itemScores.js";
import { userIndexOf } from "./modelIds.js";

/** Default length of a recommendation list. */
export const DEFAULT_TOP = 10;
/** Longest recommendation list {@link recommend} returns. */
export const MAX_TOP = 1000;

/** Options of {@link recommend}. */
export interface RecommendOptions {
  /** Number of items, 1…{@link MAX_TOP}; default {@link DEFAULT_TOP}. */
  readonly top?: number;
  /**
   * Item indices to leave out. Default: the items the user rated, as saved in the model
   * folder (nothing when the folder predates that file). Giving a set replaces the default.
   */
  readonly exclude?: ReadonlySet<number>;
}

/** One recommended item. */
export interface RecommendedItem {
  /** Item id, as in the dataset's files. */
  readonly item: string;
  /** Dense item index (row of the item factors). */
  readonly index: number;
  /** Display title, when the model folder holds titles. */
  readonly title?: string;
  /** Genre names, when the model folder holds genres. */
  readonly genres?: string[];
  /** Predicted rating p_u · q_i (not clipped to the rating scale). */
  readonly score: number;
}

/** A user's recommendation list, best first. */
export interface Recommendation {
  /** User id. */
  readonly user: string;
  /** Dense user index. */
  readonly userIndex: number;
  /** How many items were left out (rated, or given in `exclude`). */
  readonly excluded: number;
  /** The items, by descending score; ties by ascending index. */
  readonly items: RecommendedItem[];
}

/**
 * The top items for a user among those not excluded (by default the ones she rated).
 * @throws ConfigError for an unknown user id or a `top` outside 1…{@link MAX_TOP}.
 */
export function recommend(
  model: LoadedModel,
  userId: string,
  options: RecommendOptions = {},
): Recommendation {
  const top = options.top ?? DEFAULT_TOP;
  if (!Number.isInteger(top) || top < 1 || top > MAX_TOP) {
    throw new ConfigError(`top must be an integer in 1…${MAX_TOP}, got ${top}`);
  }
  const u = userIndexOf(model, userId);
  const scores = scoreAllItems(model, u);
  const excluded = options.exclude ?? ratedBy(model, u);
  const mask = new Uint8Array(scores.length);
  for (const i of excluded) if (i >= 0 && i < mask.length) mask[i] = 1;
  const best = Array.from(topItems(scores, top, mask));
  return {
    user: userId,
    userIndex: u,
    excluded: excluded.size,
    items: best.map((i) => ({
      item: model.manifest.itemIds[i],
      index: i,
      ...itemInfo(model, i),
      score: scores[i],
    })),
  };
}

/**
 * Predicted ratings of user `u` for every item, in one pass over the item factors. Sums in
 * float64 in factor order, the same arithmetic as the explanation, so a recommended score
 * and its explained prediction are the same number.
 */
export function scoreAllItems(model: LoadedModel, u: number): Float64Array {
  const k = model.manifest.k;
  return scoreItems(model.itemFactors, k, model.userFactors.subarray(u * k, (u + 1) * k));
}

/** The items user `u` rated, from the model folder; empty when it does not record them. */
export function ratedBy(model: LoadedModel, u: number): ReadonlySet<number> {
  const rated = model.rated;
  if (rated === undefined) return new Set();
  return new Set(rated.indices.subarray(rated.indptr[u], rated.indptr[u + 1]));
}
