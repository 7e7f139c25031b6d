/**
 * A per-factor alternative to the paper's relevancy (§2.3). The paper min–max normalizes each
 * archetype on its own, so when p_M ≈ a·g and p_m ≈ −b·g the relevancy of factor j is
 * ∝ |g_j − (max g + min g)/2|: a distance from the midrange of the archetype direction, not
 * the size of g_j. Here the raw archetype difference is put in the units of each factor's
 * spread over the users instead, so a factor counts by how far the two archetypes pull it
 * apart relative to how much it varies.
 */

import { ConfigError } from "../errors.js";
import { requireSameLength } from "./groupProportions.js";

/**
 * relevancy_j = |p_M,j − p_m,j| · scale_j, divided by its max (in [0, 1]; all zeros when the
 * archetypes coincide). With `scale` the users' standard deviation of each factor this is the
 * effect on the logit of moving one standard deviation along factor j for a network that is
 * linear along the search path (the archetype step in raw units is ∝ ∂z/∂x_j = w_j/σ_j).
 * Without `scale` every factor has unit scale.
 * @throws ConfigError when the lengths differ or a scale is negative or not finite.
 */
export function scaledArchetypeRelevancy(
  majority: ArrayLike<number>,
  minority: ArrayLike<number>,
  scale?: ArrayLike<number>,
): Float64Array {
  requireSameLength(majority, minority);
  const k = majority.length;
  if (scale !== undefined) requireScale(scale, k);
  const out = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    out[j] = Math.abs(majority[j] - minority[j]) * (scale === undefined ? 1 : scale[j]);
  }
  return maxNormalize(out);
}

/** Divides `values` by their max in place when it is > 0, and returns them. */
export function maxNormalize(values: Float64Array): Float64Array {
  let max = 0;
  for (let j = 0; j < values.length; j++) if (values[j] > max) max = values[j];
  if (max > 0) for (let j = 0; j < values.length; j++) values[j] /= max;
  return values;
}

/** @throws ConfigError unless `scale` has length `k` and finite entries ≥ 0. */
export function requireScale(scale: ArrayLike<number>, k: number): void {
  if (scale.length !== k) {
    throw new ConfigError(`factor scale has length ${scale.length}, expected ${k}`);
  }
  for (let j = 0; j < k; j++) {
    if (!(scale[j] >= 0 && Number.isFinite(scale[j]))) {
      throw new ConfigError(`factor scale ${j} must be a finite number ≥ 0, got ${scale[j]}`);
    }
  }
}
