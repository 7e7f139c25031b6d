/**
 * The unfairness measures of Yao & Huang, "Beyond Parity: Fairness Objectives for
 * Collaborative Filtering" (NeurIPS 2017), for rating prediction with two user groups
 * g (here the minority) and ¬g (the majority).
 *
 * For item j, E_g[y]_j and E_g[r]_j are the mean prediction and the mean true rating over the
 * held-out ratings of j by users of g. Over the n items that have held-out ratings from both
 * groups (an item rated by one group only has no gap to measure):
 * - value      U_val   = (1/n) Σ_j |(E_g[y]_j − E_g[r]_j) − (E_¬g[y]_j − E_¬g[r]_j)|
 * - absolute   U_abs   = (1/n) Σ_j ||E_g[y]_j − E_g[r]_j| − |E_¬g[y]_j − E_¬g[r]_j||
 * - under      U_under = (1/n) Σ_j |max(0, E_g[r]_j − E_g[y]_j) − max(0, E_¬g[r]_j − E_¬g[y]_j)|
 * - over       U_over  = (1/n) Σ_j |max(0, E_g[y]_j − E_g[r]_j) − max(0, E_¬g[y]_j − E_¬g[r]_j)|
 * - non-parity U_par   = |mean of ŷ over g's held-out ratings − mean over ¬g's|
 * All are 0 for a perfectly fair predictor; they are in rating units.
 */

import type { Ratings } from "../data/dataset.js";
import { ConfigError } from "../errors.js";

/** Yao & Huang's five measures, and how many items the first four average over. */
export interface BeyondParity {
  readonly value: number;
  readonly absolute: number;
  readonly under: number;
  readonly over: number;
  readonly nonParity: number;
  /** Items with held-out ratings from both groups (n above). */
  readonly items: number;
}

/**
 * Computes the measures from held-out ratings, their predictions (same order) and the users'
 * groups (1 = majority, 0 = minority). NaN where there is nothing to average.
 * @throws ConfigError when the predictions do not match the ratings or an item is out of range.
 */
export function beyondParity(
  ratings: Ratings,
  predictions: Float64Array,
  labels: Uint8Array,
  itemCount: number,
): BeyondParity {
  if (predictions.length !== ratings.value.length) {
    throw new ConfigError(`${predictions.length} predictions for ${ratings.value.length} ratings`);
  }
  // Per item and group (index item * 2 + label): count, Σ prediction, Σ rating.
  const count = new Int32Array(itemCount * 2);
  const predicted = new Float64Array(itemCount * 2);
  const actual = new Float64Array(itemCount * 2);
  const groupSum = [0, 0];
  const groupCount = [0, 0];
  for (let r = 0; r < predictions.length; r++) {
    const item = ratings.item[r];
    if (!(item >= 0 && item < itemCount)) {
      throw new ConfigError(`rating ${r} names item ${item}, not an index below ${itemCount}`);
    }
    const g = labels[ratings.user[r]];
    const cell = item * 2 + g;
    count[cell]++;
    predicted[cell] += predictions[r];
    actual[cell] += ratings.value[r];
    groupSum[g] += predictions[r];
    groupCount[g]++;
  }
  let value = 0;
  let absolute = 0;
  let under = 0;
  let over = 0;
  let items = 0;
  for (let i = 0; i < itemCount; i++) {
    const minority = i * 2;
    const majority = minority + 1;
    if (count[minority] === 0 || count[majority] === 0) continue;
    // Signed errors E[y] − E[r] of each group on this item.
    const eg = (predicted[minority] - actual[minority]) / count[minority];
    const en = (predicted[majority] - actual[majority]) / count[majority];
    value += Math.abs(eg - en);
    absolute += Math.abs(Math.abs(eg) - Math.abs(en));
    under += Math.abs(Math.max(0, -eg) - Math.max(0, -en));
    over += Math.abs(Math.max(0, eg) - Math.max(0, en));
    items++;
  }
  return {
    value: value / items,
    absolute: absolute / items,
    under: under / items,
    over: over / items,
    nonParity: Math.abs(groupSum[0] / groupCount[0] - groupSum[1] / groupCount[1]),
    items,
  };
}
