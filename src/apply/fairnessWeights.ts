/**
 * Factor re-weighting for fairer recommendations (paper §1 and §4): r̂'_ui = Σ_j w_j p_uj q_ij,
 * with weights that favour the factors characterizing a chosen group.
 *
 * Weight formula: w_j = exp(α · d_j), where d_j = 2 · share_gj − 1 ∈ [−1, 1] is how far factor
 * j leans to the chosen group g (share_gj is the group's share of the factor from the
 * profile, paper Fig. 10 top: 1 means only g's archetype has it, 0.5 means neither group).
 *
 * Why exponential and not 1 + α · d_j: the weights stay positive for every α, so no factor's
 * sign flips and a large α cannot invert the model; α = 0 gives w = 1, the plain model; each
 * weight moves monotonically with α; and the weights of two factors that lean equally stay
 * equal. The cost: predictions change in scale as well as in order, which the accuracy side
 * of the trade-off (RMSE) measures.
 */

import { ConfigError } from "../errors.js";

/** Largest accepted α: at α = 5 a factor that leans fully to the group weighs e^10 ≈ 22,000 times one leaning fully away. */
export const MAX_FAIRNESS_ALPHA = 5;

/** Which group of an attribute the re-weighting favours. */
export type FavouredGroup = "majority" | "minority";

/** The per-factor shares of one attribute's two groups, as saved in a model's profile. */
export interface GroupShares {
  readonly proportions: {
    readonly majority: ArrayLike<number>;
    readonly minority: ArrayLike<number>;
  };
}

/**
 * Throws a ConfigError unless α is a finite number in [0, {@link MAX_FAIRNESS_ALPHA}].
 */
export function checkFairnessAlpha(alpha: number): void {
  if (
    typeof alpha !== "number" ||
    !Number.isFinite(alpha) ||
    alpha < 0 ||
    alpha > MAX_FAIRNESS_ALPHA
  ) {
    throw new ConfigError(`alpha must be a number in [0, ${MAX_FAIRNESS_ALPHA}], got ${alpha}`);
  }
}

/**
 * The weights w_j = exp(α · (2 · share_gj − 1)) for every factor (see the module comment).
 * @throws ConfigError when α is out of range or a share is not in [0, 1].
 */
export function fairnessWeights(
  profile: GroupShares,
  group: FavouredGroup,
  alpha: number,
): Float64Array {
  checkFairnessAlpha(alpha);
  const shares = profile.proportions[group];
  const weights = new Float64Array(shares.length);
  for (let j = 0; j < shares.length; j++) {
    const share = shares[j];
    if (!(share >= 0 && share <= 1)) {
      throw new ConfigError(`the ${group} share of factor ${j} must be in [0, 1], got ${share}`);
    }
    weights[j] = Math.exp(alpha * (2 * share - 1));
  }
  return weights;
}

/**
 * A user's factor vector with the weights folded in, v_j = w_j · p_uj, so that
 * `scoreItems(itemFactors, k, v)` gives the re-weighted predictions r̂'_ui for every item.
 * @throws ConfigError when the lengths differ.
 */
export function weightedUserVector(
  userVector: ArrayLike<number>,
  weights: ArrayLike<number>,
): Float64Array {
  if (userVector.length !== weights.length) {
    throw new ConfigError(
      `user vector has ${userVector.length} factors but there are ${weights.length} weights`,
    );
  }
  const out = new Float64Array(userVector.length);
  for (let j = 0; j < out.length; j++) out[j] = weights[j] * userVector[j];
  return out;
}
