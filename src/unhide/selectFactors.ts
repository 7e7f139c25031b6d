/**
 * Feature selection rules of the paper (§2.3, Fig. 10 bottom): by relevancy threshold, by
 * top-N relevancy, and top-N per group by normalized archetype value.
 */

import { ConfigError } from "../errors.js";
import { requireSameLength } from "./groupProportions.js";
import { rankDescending } from "./rankDescending.js";

/** Default relevancy threshold, the 0.5 line of the paper's Fig. 10. */
export const DEFAULT_RELEVANCY_THRESHOLD = 0.5;

/**
 * Factors with relevancy ≥ `threshold`, by decreasing relevancy (ties: lower index first).
 * Relevancy is max-normalized, so any threshold in (0, 1] keeps at least the top factor
 * unless every relevancy is 0.
 * @throws ConfigError when the threshold is not in [0, 1].
 */
export function selectByThreshold(
  relevancy: ArrayLike<number>,
  threshold: number = DEFAULT_RELEVANCY_THRESHOLD,
): Int32Array {
  if (!(threshold >= 0 && threshold <= 1)) {
    throw new ConfigError(`relevancy threshold must lie in [0, 1], got ${threshold}`);
  }
  const ranking = rankDescending(relevancy);
  let count = 0;
  while (count < ranking.length && relevancy[ranking[count]] >= threshold) count++;
  return ranking.slice(0, count);
}

/**
 * The `n` factors of highest relevancy, by decreasing relevancy (ties: lower index first).
 * @throws ConfigError when `n` is not an integer in [0, number of factors].
 */
export function selectTopN(relevancy: ArrayLike<number>, n: number): Int32Array {
  requireCount(n, relevancy.length);
  return rankDescending(relevancy).slice(0, n);
}

/** Top-N factors of each archetype on its own (paper §2.3: K_M and K_m). */
export interface PerGroupSelection {
  /** The n factors with the highest p̃M, by decreasing value (ties: lower index first). */
  readonly majority: Int32Array;
  /** The n factors with the highest p̃m, by decreasing value (ties: lower index first). */
  readonly minority: Int32Array;
}

/**
 * The per-group variant of paper §2.3: the `n` factors each group likes most, i.e. sorted by
 * decreasing normalized archetype value.
 * @throws ConfigError when the lengths differ or `n` is out of range.
 */
export function selectTopNPerGroup(
  normalizedMajority: ArrayLike<number>,
  normalizedMinority: ArrayLike<number>,
  n: number,
): PerGroupSelection {
  requireSameLength(normalizedMajority, normalizedMinority);
  requireCount(n, normalizedMajority.length);
  return {
    majority: rankDescending(normalizedMajority).slice(0, n),
    minority: rankDescending(normalizedMinority).slice(0, n),
  };
}

function requireCount(n: number, k: number): void {
  if (!Number.isInteger(n) || n < 0 || n > k) {
    throw new ConfigError(`number of factors to select must be an integer in [0, ${k}], got ${n}`);
  }
}
