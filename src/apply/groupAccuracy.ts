/**
 * Accuracy of rating predictions per demographic group, compared between the groups in the
 * style of Fairlearn's MetricFrame: each group's value, the difference (largest − smallest)
 * and the ratio (smallest / largest).
 *
 * Definitions, on held-out ratings (user u, item i, true rating r, prediction ŷ):
 * - RMSE of a group: √(mean of (ŷ − r)² over the held-out ratings of its users); ratings
 *   weigh equally, so active users weigh more, as in the overall RMSE.
 * - NDCG@10 of a user: her held-out items ranked by ŷ (ties: lower item index first),
 *   DCG = Σ_{rank ≤ 10} (2^r − 1) / log₂(1 + rank), divided by the DCG of the same items in
 *   the order of their true ratings. Only users with at least two held-out ratings count
 *   (with one item every order is perfect). A group's NDCG@10 is the mean over its users,
 *   so every user weighs equally.
 */

import type { Ratings } from "../data/dataset.js";
import { ConfigError } from "../errors.js";

/** Default cutoff of {@link ndcgPerUser}. */
export const DEFAULT_NDCG_CUTOFF = 10;

/** One metric for the two groups of an attribute, and how far apart they are. */
export interface GroupComparison {
  readonly majority: number;
  readonly minority: number;
  /** max − min of the two (Fairlearn's `difference()`); 0 is parity. */
  readonly difference: number;
  /** min / max of the two (Fairlearn's `ratio()`); 1 is parity. */
  readonly ratio: number;
}

/** Compares one metric between the groups: the values, their difference and ratio. */
export function compareGroups(majority: number, minority: number): GroupComparison {
  const high = Math.max(majority, minority);
  const low = Math.min(majority, minority);
  return { majority, minority, difference: high - low, ratio: high === 0 ? 1 : low / high };
}

/**
 * Predictions ŷ_r = Σ_j w_j p_uj q_ij for every rating r (users × k and items × k factor
 * matrices, row-major); `weights` undefined is the plain model w = 1.
 */
export function predictRatings(
  ratings: Pick<Ratings, "user" | "item">,
  userFactors: ArrayLike<number>,
  itemFactors: ArrayLike<number>,
  k: number,
  weights?: ArrayLike<number>,
): Float64Array {
  const out = new Float64Array(ratings.user.length);
  for (let r = 0; r < out.length; r++) {
    const pu = ratings.user[r] * k;
    const qi = ratings.item[r] * k;
    let s = 0;
    if (weights === undefined)
      for (let j = 0; j < k; j++) s += userFactors[pu + j] * itemFactors[qi + j];
    else for (let j = 0; j < k; j++) s += weights[j] * userFactors[pu + j] * itemFactors[qi + j];
    out[r] = s;
  }
  return out;
}

/** RMSE overall and per group (labels per user: 1 majority, 0 minority). NaN for an empty group. */
export function groupRmse(
  ratings: Ratings,
  predictions: Float64Array,
  labels: Uint8Array,
): GroupComparison & { readonly overall: number } {
  checkPredictions(ratings, predictions);
  const sse = [0, 0];
  const n = [0, 0];
  for (let r = 0; r < predictions.length; r++) {
    const g = labels[ratings.user[r]];
    const e = predictions[r] - ratings.value[r];
    sse[g] += e * e;
    n[g]++;
  }
  return {
    ...compareGroups(Math.sqrt(sse[1] / n[1]), Math.sqrt(sse[0] / n[0])),
    overall: Math.sqrt((sse[0] + sse[1]) / (n[0] + n[1])),
  };
}

/**
 * NDCG@cutoff of every user over her held-out items (see the module comment); NaN for users
 * with fewer than two held-out ratings.
 */
export function ndcgPerUser(
  ratings: Ratings,
  predictions: Float64Array,
  userCount: number,
  cutoff = DEFAULT_NDCG_CUTOFF,
): Float64Array {
  checkPredictions(ratings, predictions);
  if (!Number.isInteger(cutoff) || cutoff < 1) {
    throw new ConfigError(`the NDCG cutoff must be a positive integer, got ${cutoff}`);
  }
  // Group the ratings by user with a counting sort: no per-rating objects.
  const start = new Int32Array(userCount + 1);
  for (let r = 0; r < ratings.user.length; r++) start[ratings.user[r] + 1]++;
  for (let u = 0; u < userCount; u++) start[u + 1] += start[u];
  const next = start.slice(0, userCount);
  const byUser = new Int32Array(ratings.user.length);
  for (let r = 0; r < ratings.user.length; r++) byUser[next[ratings.user[r]]++] = r;
  const out = new Float64Array(userCount).fill(Number.NaN);
  for (let u = 0; u < userCount; u++) {
    const rows = byUser.subarray(start[u], start[u + 1]);
    if (rows.length < 2) continue;
    const byPrediction = Array.from(rows).sort(
      (a, b) => predictions[b] - predictions[a] || ratings.item[a] - ratings.item[b],
    );
    const byTruth = Array.from(rows).sort((a, b) => ratings.value[b] - ratings.value[a]);
    const ideal = dcg(byTruth, ratings.value, cutoff);
    out[u] = ideal > 0 ? dcg(byPrediction, ratings.value, cutoff) / ideal : Number.NaN;
  }
  return out;
}

/** Mean of a per-user metric over each group's users, skipping NaN. */
export function groupMeans(
  perUser: Float64Array,
  labels: Uint8Array,
): GroupComparison & { readonly overall: number } {
  if (perUser.length !== labels.length) {
    throw new ConfigError(`${perUser.length} per-user values for ${labels.length} labels`);
  }
  const sum = [0, 0];
  const n = [0, 0];
  for (let u = 0; u < perUser.length; u++) {
    if (Number.isNaN(perUser[u])) continue;
    sum[labels[u]] += perUser[u];
    n[labels[u]]++;
  }
  return {
    ...compareGroups(sum[1] / n[1], sum[0] / n[0]),
    overall: (sum[0] + sum[1]) / (n[0] + n[1]),
  };
}

function dcg(order: readonly number[], value: Float32Array, cutoff: number): number {
  let s = 0;
  const n = Math.min(cutoff, order.length);
  for (let rank = 1; rank <= n; rank++)
    s += (2 ** value[order[rank - 1]] - 1) / Math.log2(1 + rank);
  return s;
}

function checkPredictions(ratings: Ratings, predictions: Float64Array): void {
  if (predictions.length !== ratings.value.length) {
    throw new ConfigError(`${predictions.length} predictions for ${ratings.value.length} ratings`);
  }
}
