/**
 * Spearman rank correlation with average ranks for ties: the Pearson correlation of the
 * ranks. Used by E4 to check whether items the archetypes call "minority" are in fact rated
 * more by the minority.
 */

import { ConfigError } from "../errors.js";

/**
 * 1-based ranks of `values` in increasing order; tied values share the mean of the ranks
 * they span (so [10, 20, 20, 30] → [1, 2.5, 2.5, 4]). NaN values are not allowed: their
 * order is undefined.
 * @throws ConfigError on NaN.
 */
export function averageRanks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(values[i])) throw new ConfigError(`cannot rank NaN (at index ${i})`);
  }
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => values[a] - values[b] || a - b);
  const ranks = new Float64Array(n);
  let start = 0;
  while (start < n) {
    let end = start + 1;
    while (end < n && values[order[end]] === values[order[start]]) end++;
    // Positions start..end−1 hold equal values: ranks start+1..end, whose mean is below.
    const rank = (start + 1 + end) / 2;
    for (let p = start; p < end; p++) ranks[order[p]] = rank;
    start = end;
  }
  return ranks;
}

/**
 * Spearman's ρ between `x` and `y` (paired by index), ties by average ranks. NaN when there
 * are fewer than two pairs, when either side is constant (no order to correlate), or when
 * any value is NaN.
 * @throws ConfigError when the lengths differ.
 */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): number {
  if (x.length !== y.length) {
    throw new ConfigError(`spearman needs paired values, got ${x.length} and ${y.length}`);
  }
  if (x.length < 2 || hasNaN(x) || hasNaN(y)) return Number.NaN;
  return pearson(averageRanks(x), averageRanks(y));
}

function pearson(a: Float64Array, b: Float64Array): number {
  const n = a.length;
  let meanA = 0;
  let meanB = 0;
  for (let i = 0; i < n; i++) {
    meanA += a[i];
    meanB += b[i];
  }
  meanA /= n;
  meanB /= n;
  let cov = 0;
  let varA = 0;
  let varB = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i] - meanA;
    const db = b[i] - meanB;
    cov += da * db;
    varA += da * da;
    varB += db * db;
  }
  if (varA === 0 || varB === 0) return Number.NaN;
  return cov / Math.sqrt(varA * varB);
}

function hasNaN(values: ArrayLike<number>): boolean {
  for (let i = 0; i < values.length; i++) if (Number.isNaN(values[i])) return true;
  return false;
}
