/**
 * Relevancy averaged over an ensemble of classifiers (other initialization seeds, bootstrap
 * resamples of the training users), with a per-factor uncertainty. One MLN's relevancy is
 * mostly the noise of that fit; the average keeps what the fits agree on.
 */

import { ConfigError } from "../errors.js";
import { rankDescending } from "./rankDescending.js";
import { maxNormalize } from "./scaledRelevancy.js";

/** The pooled relevancy of an ensemble. */
export interface EnsembleRelevancy {
  /** Mean member relevancy, divided by its max (in [0, 1]). */
  readonly relevancy: Float64Array;
  /** Per factor, the sample standard deviation of the member relevancies (same units as their mean before the max normalization; NaN for one member). */
  readonly std: Float64Array;
  /** Per factor, the share of members that put it in their top `topN`. */
  readonly topShare: Float64Array;
  /** Factors by decreasing pooled relevancy, ties by the lower index. */
  readonly ranking: Int32Array;
  readonly members: number;
}

/**
 * Pools the members' relevancies (each a vector over the same k factors, ideally already
 * max-normalized so every member weighs the same). `topN` (default 20, capped at k) sets the
 * top set counted by `topShare`.
 * @throws ConfigError without members or when their lengths differ.
 */
export function ensembleRelevancy(
  members: readonly ArrayLike<number>[],
  topN = 20,
): EnsembleRelevancy {
  if (members.length === 0) throw new ConfigError("ensembleRelevancy needs at least one member");
  const k = members[0].length;
  for (const m of members) {
    if (m.length !== k) {
      throw new ConfigError(`ensemble members must have the same length, got ${m.length} and ${k}`);
    }
  }
  const n = members.length;
  const mean = new Float64Array(k);
  for (const m of members) for (let j = 0; j < k; j++) mean[j] += m[j] / n;
  const std = new Float64Array(k);
  const topShare = new Float64Array(k);
  const top = Math.min(topN, k);
  for (const m of members) {
    for (let j = 0; j < k; j++) std[j] += (m[j] - mean[j]) ** 2;
    const order = rankDescending(m);
    for (let i = 0; i < top; i++) topShare[order[i]] += 1 / n;
  }
  for (let j = 0; j < k; j++) std[j] = n > 1 ? Math.sqrt(std[j] / (n - 1)) : Number.NaN;
  const relevancy = maxNormalize(Float64Array.from(mean));
  return { relevancy, std, topShare, ranking: rankDescending(relevancy), members: n };
}

/**
 * A bootstrap resample of `rows`: rows.length draws with replacement, from `next` (uniform
 * in [0, 1)).
 */
export function bootstrapRows(rows: Int32Array, next: () => number): Int32Array {
  const out = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = rows[Math.floor(next() * rows.length)];
  return out;
}

/**
 * A class-balanced bootstrap of `rows`: rows.length draws, half (rounded down) with
 * replacement from the rows labelled 1 and the rest from those labelled 0. Training on it
 * weighs both groups equally in the loss in expectation, like class weights n/(2·n_g),
 * without changing the training kernel.
 * @throws ConfigError when a group has no row.
 */
export function balancedBootstrapRows(
  rows: Int32Array,
  labels: Uint8Array,
  next: () => number,
): Int32Array {
  const groups = [rows.filter((r) => labels[r] === 0), rows.filter((r) => labels[r] === 1)];
  if (groups[0].length === 0 || groups[1].length === 0) {
    throw new ConfigError("a class-balanced bootstrap needs rows of both groups");
  }
  const out = new Int32Array(rows.length);
  const half = Math.floor(rows.length / 2);
  for (let i = 0; i < rows.length; i++) {
    const group = groups[i < half ? 1 : 0];
    out[i] = group[Math.floor(next() * group.length)];
  }
  return out;
}

/**
 * Rank aggregation of an ensemble: relevancy_j = 1 − (mean over members of factor j's rank)
 * / (k − 1), rank 0 being a member's most relevant factor (ties by the lower index). Unlike
 * the mean relevancy, one member's extreme value cannot carry a factor by itself.
 * @throws ConfigError without members or when their lengths differ.
 */
export function meanRankRelevancy(members: readonly ArrayLike<number>[]): Float64Array {
  if (members.length === 0) throw new ConfigError("meanRankRelevancy needs at least one member");
  const k = members[0].length;
  const rankSum = new Float64Array(k);
  for (const m of members) {
    if (m.length !== k) {
      throw new ConfigError(`ensemble members must have the same length, got ${m.length} and ${k}`);
    }
    const order = rankDescending(m);
    for (let r = 0; r < k; r++) rankSum[order[r]] += r;
  }
  const last = Math.max(k - 1, 1);
  return rankSum.map((s) => 1 - s / members.length / last);
}
