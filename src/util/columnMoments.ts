/**
 * Per-column mean and variance of a row-major matrix over a subset of its rows, the building
 * block of standardization, variance, centroid and PCA steps.
 */

/** Per-column mean and variance. */
export interface ColumnMoments {
  /** Mean of each column over the chosen rows. */
  readonly mean: Float64Array;
  /** Variance of each column over the chosen rows, divided by (rows − ddof); NaN if ≤ 0. */
  readonly variance: Float64Array;
}

/**
 * Mean and variance of each of the `width` columns of `x` over `rows`. `ddof` = 0 gives the
 * population variance, 1 the sample variance. Two passes, because factors can have a mean
 * that is large relative to their spread and the one-pass formula then cancels badly.
 */
export function columnMoments(
  x: ArrayLike<number>,
  width: number,
  rows: Int32Array,
  ddof = 0,
): ColumnMoments {
  const mean = new Float64Array(width);
  const variance = new Float64Array(width);
  const n = rows.length;
  for (let r = 0; r < n; r++) {
    const base = rows[r] * width;
    for (let j = 0; j < width; j++) mean[j] += x[base + j];
  }
  for (let j = 0; j < width; j++) mean[j] /= n;
  for (let r = 0; r < n; r++) {
    const base = rows[r] * width;
    for (let j = 0; j < width; j++) {
      const d = x[base + j] - mean[j];
      variance[j] += d * d;
    }
  }
  const denominator = n - ddof;
  for (let j = 0; j < width; j++) {
    variance[j] = denominator > 0 ? variance[j] / denominator : Number.NaN;
  }
  return { mean, variance };
}
