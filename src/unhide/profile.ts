/**
 * The demographic profile of the hidden factors for one binary attribute: everything the
 * paper's Fig. 10 shows, computed from the two raw archetypes.
 */

import { groupProportions, requireSameLength } from "./groupProportions.js";
import { normalizeMinMax } from "./normalizeArchetype.js";
import { rankDescending } from "./rankDescending.js";
import { relevancy as computeRelevancy } from "./relevancy.js";
import { DEFAULT_RELEVANCY_THRESHOLD, selectByThreshold } from "./selectFactors.js";

/** Normalized archetypes, group shares, relevancy and the selection derived from them. */
export interface FactorProfile {
  /** Min-max normalized majority archetype p̃M. */
  readonly normalizedMajority: Float64Array;
  /** Min-max normalized minority archetype p̃m. */
  readonly normalizedMinority: Float64Array;
  /** p̃M_j / (p̃M_j + p̃m_j) (0.5 when both are 0). */
  readonly majorityShare: Float64Array;
  /** 1 − majorityShare_j. */
  readonly minorityShare: Float64Array;
  /** |p̃M_j − p̃m_j| divided by its max, in [0, 1]. */
  readonly relevancy: Float64Array;
  /** All factor indices by decreasing relevancy, ties by lower index. */
  readonly ranking: Int32Array;
  /** Factors with relevancy ≥ threshold, in ranking order. */
  readonly selected: Int32Array;
}

/** Options of {@link buildFactorProfile}. */
export interface FactorProfileOptions {
  /** Relevancy threshold for `selected`; default {@link DEFAULT_RELEVANCY_THRESHOLD} (0.5). */
  readonly threshold?: number;
}

/**
 * Builds the profile from the raw majority (t = 1) and minority (t = 0) archetypes.
 * @throws ConfigError when the lengths differ or the threshold is outside [0, 1].
 */
export function buildFactorProfile(
  majority: ArrayLike<number>,
  minority: ArrayLike<number>,
  options: FactorProfileOptions = {},
): FactorProfile {
  requireSameLength(majority, minority);
  const normalizedMajority = normalizeMinMax(majority);
  const normalizedMinority = normalizeMinMax(minority);
  const { majorityShare, minorityShare } = groupProportions(normalizedMajority, normalizedMinority);
  const relevancy = computeRelevancy(normalizedMajority, normalizedMinority);
  return {
    normalizedMajority,
    normalizedMinority,
    majorityShare,
    minorityShare,
    relevancy,
    ranking: rankDescending(relevancy),
    selected: selectByThreshold(relevancy, options.threshold ?? DEFAULT_RELEVANCY_THRESHOLD),
  };
}

/**
 * The profile with another relevancy (issue 7's variants) in place of the paper's: ranking
 * and selection follow it; archetypes and group proportions stay the paper's.
 * @throws ConfigError when the length differs from the profile's.
 */
export function withRelevancy(
  profile: FactorProfile,
  relevancy: Float64Array,
  options: FactorProfileOptions = {},
): FactorProfile {
  requireSameLength(profile.relevancy, relevancy);
  return {
    ...profile,
    relevancy,
    ranking: rankDescending(relevancy),
    selected: selectByThreshold(relevancy, options.threshold ?? DEFAULT_RELEVANCY_THRESHOLD),
  };
}
