/**
 * Min-max normalization of one archetype (paper §2.3), which turns raw factor values into
 * "affinity" in [0, 1]: 1 = the factor this group likes most, 0 = the one it dislikes most.
 */

/**
 * p̃_j = (p_j − min p) / (max p − min p), per archetype vector.
 * A constant vector (max = min) carries no preference among factors, so every entry becomes
 * 0.5, the neutral middle, rather than NaN.
 */
export function normalizeMinMax(p: ArrayLike<number>): Float64Array {
  const out = new Float64Array(p.length);
  if (p.length === 0) return out;
  let min = p[0];
  let max = p[0];
  for (let j = 1; j < p.length; j++) {
    if (p[j] < min) min = p[j];
    if (p[j] > max) max = p[j];
  }
  const range = max - min;
  if (!(range > 0)) return out.fill(0.5);
  for (let j = 0; j < p.length; j++) out[j] = (p[j] - min) / range;
  return out;
}
