/**
 * Per-factor shares of the two groups (paper Fig. 10 top): how much of a factor's combined
 * affinity belongs to the majority archetype and how much to the minority one.
 */

import { ConfigError } from "../errors.js";

/** Majority and minority share of every factor; the two add up to 1 per factor. */
export interface GroupProportions {
  /** p̃M_j / (p̃M_j + p̃m_j). */
  readonly majorityShare: Float64Array;
  /** 1 − majorityShare_j. */
  readonly minorityShare: Float64Array;
}

/**
 * Shares of normalized archetypes (values in [0, 1], see `normalizeMinMax`). A factor both
 * archetypes rate 0 favours neither group, so it gets 0.5 / 0.5 instead of 0/0.
 * @throws ConfigError when the two vectors differ in length.
 */
export function groupProportions(
  normalizedMajority: ArrayLike<number>,
  normalizedMinority: ArrayLike<number>,
): GroupProportions {
  requireSameLength(normalizedMajority, normalizedMinority);
  const k = normalizedMajority.length;
  const majorityShare = new Float64Array(k);
  const minorityShare = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    const total = normalizedMajority[j] + normalizedMinority[j];
    const share = total > 0 ? normalizedMajority[j] / total : 0.5;
    majorityShare[j] = share;
    minorityShare[j] = 1 - share;
  }
  return { majorityShare, minorityShare };
}

/** Throws a ConfigError unless both archetypes have the same number of factors. */
export function requireSameLength(a: ArrayLike<number>, b: ArrayLike<number>): void {
  if (a.length !== b.length) {
    throw new ConfigError(
      `majority and minority archetypes must have the same length, got ${a.length} and ${b.length}`,
    );
  }
}
