/**
 * Which items lean to which group of an attribute, from the ratings themselves.
 *
 * Definition: with μ_g the mean of all ratings given by users of group g and m_gi the mean
 * rating of item i by users of g, the item's gap is (m_minority,i − μ_minority) −
 * (m_majority,i − μ_majority): how much more the minority likes the item than the majority
 * does, each relative to how that group rates in general (so a group that rates everything
 * higher does not make every item lean to it). An item leans to the minority when the gap is
 * positive and to the majority when it is negative, provided each group rated it at least
 * `minGroupRatings` times; otherwise it is unclassified (too little evidence).
 *
 * Why rating values and not who rates an item: PMF is fitted to rating values and nothing
 * else, so re-weighting its factors can only move what the values encode; and the synthetic
 * dataset plants group preferences in the values while who rates what follows popularity only.
 */

import type { Ratings } from "../data/dataset.js";
import { ConfigError } from "../errors.js";

/** Default minimum number of ratings from each group before an item is classified. */
export const DEFAULT_MIN_GROUP_RATINGS = 10;

/** Per-item leaning of one attribute. */
export interface ItemLeaning {
  /** The gap defined in the module comment (NaN when a group did not rate the item). */
  readonly gap: Float64Array;
  /** −1 leans to the minority, 1 to the majority, 0 unclassified. */
  readonly leaning: Int8Array;
  /** How many items lean each way. */
  readonly minorityItems: number;
  readonly majorityItems: number;
}

/**
 * Classifies every item by the group that likes it more (see the module comment).
 * @param labels - per user, 1 majority, 0 minority.
 * @throws ConfigError on a bad minimum or an item index out of range.
 */
export function itemLeaning(
  ratings: Ratings,
  labels: Uint8Array,
  itemCount: number,
  minGroupRatings = DEFAULT_MIN_GROUP_RATINGS,
): ItemLeaning {
  if (!Number.isInteger(minGroupRatings) || minGroupRatings < 1) {
    throw new ConfigError(`minGroupRatings must be a positive integer, got ${minGroupRatings}`);
  }
  // Index item * 2 + label: count and sum of the ratings.
  const count = new Int32Array(itemCount * 2);
  const sum = new Float64Array(itemCount * 2);
  const groupSum = [0, 0];
  const groupCount = [0, 0];
  for (let r = 0; r < ratings.value.length; r++) {
    const item = ratings.item[r];
    if (!(item >= 0 && item < itemCount)) {
      throw new ConfigError(`rating ${r} names item ${item}, not an index below ${itemCount}`);
    }
    const g = labels[ratings.user[r]];
    count[item * 2 + g]++;
    sum[item * 2 + g] += ratings.value[r];
    groupSum[g] += ratings.value[r];
    groupCount[g]++;
  }
  const minorityMean = groupSum[0] / groupCount[0];
  const majorityMean = groupSum[1] / groupCount[1];
  const gap = new Float64Array(itemCount);
  const leaning = new Int8Array(itemCount);
  let minorityItems = 0;
  let majorityItems = 0;
  for (let i = 0; i < itemCount; i++) {
    const nm = count[i * 2];
    const nM = count[i * 2 + 1];
    gap[i] =
      nm > 0 && nM > 0
        ? sum[i * 2] / nm - minorityMean - (sum[i * 2 + 1] / nM - majorityMean)
        : Number.NaN;
    if (nm < minGroupRatings || nM < minGroupRatings || gap[i] === 0) continue;
    leaning[i] = gap[i] > 0 ? -1 : 1;
    if (gap[i] > 0) minorityItems++;
    else majorityItems++;
  }
  return { gap, leaning, minorityItems, majorityItems };
}
