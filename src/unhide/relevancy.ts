/**
 * Relevancy of each factor to the majority/minority dichotomy (paper §2.3, Fig. 10 middle).
 */

import { requireSameLength } from "./groupProportions.js";

/**
 * relevancy_j = |p̃M_j − p̃m_j| / max_i |p̃M_i − p̃m_i|, in [0, 1]; the most discriminating
 * factor gets 1. Dividing by the max makes one threshold (e.g. 0.5) meaningful across
 * attributes and data sets. When the archetypes coincide everywhere the result is all zeros
 * (no factor is relevant), not NaN.
 * @throws ConfigError when the two vectors differ in length.
 */
export function relevancy(
  normalizedMajority: ArrayLike<number>,
  normalizedMinority: ArrayLike<number>,
): Float64Array {
  requireSameLength(normalizedMajority, normalizedMinority);
  const k = normalizedMajority.length;
  const out = new Float64Array(k);
  let max = 0;
  for (let j = 0; j < k; j++) {
    const d = Math.abs(normalizedMajority[j] - normalizedMinority[j]);
    out[j] = d;
    if (d > max) max = d;
  }
  if (max > 0) for (let j = 0; j < k; j++) out[j] /= max;
  return out;
}
