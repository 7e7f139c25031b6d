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
