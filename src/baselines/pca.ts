/**
 * Principal component analysis of the user factors, for two of the paper's "PCA" baselines:
 *
 * - `pca-components` (an extraction): the users' scores on the leading N principal
 *   components replace the factors ({@link projectPca});
 * - `pca-loadings` (a selection of ORIGINAL factors): factors ranked by how much of the
 *   variance retained by the leading components they carry ({@link pcaLoadingScores}).
 *
 * PCA creates new axes, so "selecting factors by PCA" needs a rule; the paper does not state
 * one. Both readings are offered and named.
 */

import { ConfigError } from "../errors.js";
import { lowerGram } from "../evaluate/classifiers/gram.js";
import { columnMoments } from "../util/columnMoments.js";
import { checkRankingInput, type RankingInput } from "./rankingInput.js";
import { symmetricEigen } from "./symmetricEigen.js";

/** A PCA fitted on the training users. */
export interface Pca {
  /** Number of original factors. */
  readonly k: number;
  /** Per-factor mean over the fitted rows (subtracted before projecting). */
  readonly mean: Float64Array;
  /**
   * Principal axes, k × k row-major: row c is the unit loading vector of component c.
   * Components are ordered by decreasing variance; each is signed so that its loading of
   * largest magnitude is positive.
   */
  readonly components: Float64Array;
  /**
   * Variance of the fitted rows along each component (covariance eigenvalues with the
   * n − 1 divisor, as scikit-learn's `explained_variance_`), decreasing; rounding-level
   * negatives are clipped to 0.
   */
  readonly eigenvalues: Float64Array;
  /** eigenvalues / their sum (all 0 when the data are constant). */
  readonly explainedVarianceRatio: Float64Array;
}

/**
 * Fits a PCA to `rows` of `x` (users × k row-major): the mean and the eigen-decomposition of
 * the k × k sample covariance of those rows. Needs at least two rows.
 */
export function fitPca(x: ArrayLike<number>, k: number, rows: Int32Array): Pca {
  checkRankingInput({ x, k, labels: new Uint8Array(0), rows }, "fitPca", false);
  const n = rows.length;
  if (n < 2) throw new ConfigError(`fitPca: needs at least 2 rows, got ${n}`);
  // Only the mean is needed here; the covariance comes from the Gram kernel below.
  const { mean } = columnMoments(x, k, rows, 1);
  // Centred training block, column-major, for the Gram kernel.
  const centred = new Float64Array(n * k);
  for (let r = 0; r < n; r++) {
    const base = rows[r] * k;
    for (let j = 0; j < k; j++) centred[j * n + r] = x[base + j] - mean[j];
  }
  const covariance = new Float64Array(k * k);
  lowerGram(centred, centred, n, k, covariance, k);
  for (let a = 0; a < k; a++) {
    for (let b = 0; b <= a; b++) {
      const value = covariance[a * k + b] / (n - 1);
      covariance[a * k + b] = value;
      covariance[b * k + a] = value;
    }
  }
  const { values, vectors } = symmetricEigen(covariance, k);
  let sum = 0;
  for (let c = 0; c < k; c++) {
    if (values[c] < 0) values[c] = 0;
    sum += values[c];
  }
  const explainedVarianceRatio = new Float64Array(k);
  if (sum > 0) for (let c = 0; c < k; c++) explainedVarianceRatio[c] = values[c] / sum;
  return { k, mean, components: vectors, eigenvalues: values, explainedVarianceRatio };
}

/**
 * Scores of all `users` rows of `x` (users × pca.k row-major) on the leading `n` components:
 * a users × n row-major matrix, (x_u − mean)·component_c. On the fitted rows, column c has
 * sample variance `pca.eigenvalues[c]`.
 */
export function projectPca(pca: Pca, x: ArrayLike<number>, users: number, n: number): Float64Array {
  const { k, mean, components } = pca;
  if (!Number.isInteger(n) || n < 0 || n > k) {
    throw new ConfigError(
      `projectPca: number of components must be an integer in 0..${k}, got ${n}`,
    );
  }
  if (x.length !== users * k) {
    throw new ConfigError(`projectPca: x has length ${x.length}, expected ${users} × ${k}`);
  }
  const out = new Float64Array(users * n);
  const centred = new Float64Array(k);
  for (let u = 0; u < users; u++) {
    const base = u * k;
    for (let j = 0; j < k; j++) centred[j] = x[base + j] - mean[j];
    for (let c = 0; c < n; c++) {
      const axis = c * k;
      let s = 0;
      for (let j = 0; j < k; j++) s += centred[j] * components[axis + j];
      out[u * n + c] = s;
    }
  }
  return out;
}

/** Share of the variance the `pca-loadings` ranking keeps by default. */
export const DEFAULT_PCA_VARIANCE_FRACTION = 0.9;

/**
 * The fewest leading components whose explained-variance ratios add up to at least
 * `fraction` (in (0, 1]); at least 1.
 */
export function componentsForVariance(pca: Pca, fraction: number): number {
  if (!(fraction > 0 && fraction <= 1)) {
    throw new ConfigError(`variance fraction must lie in (0, 1], got ${fraction}`);
  }
  let cumulative = 0;
  for (let c = 0; c < pca.k; c++) {
    cumulative += pca.explainedVarianceRatio[c];
    // A hair below the target still counts: the ratios' rounding must not add a component.
    if (cumulative >= fraction - 1e-12) return c + 1;
  }
  return pca.k;
}

/**
 * The `pca-loadings` selection: score_j = Σ_{c < m} λ_c · loading_{c,j}², each original
 * factor's share of the variance retained by the leading m components (λ_c the component
 * variances). Unsupervised: the labels are not read. By default m is the fewest components
 * explaining {@link DEFAULT_PCA_VARIANCE_FRACTION} of the variance, so the directions of
 * least variance are discarded before factors are scored. With m = k the score is exactly
 * each factor's variance (the `variance` ranking); smaller m favours factors aligned with
 * the dominant shared directions of taste over factors with idiosyncratic variance.
 * `fitted`, if given, must be `fitPca(input.x, input.k, input.rows)`: it saves refitting
 * when the caller already holds that PCA (for `pca-components`).
 */
export function pcaLoadingScores(
  input: RankingInput,
  components?: number,
  fitted?: Pca,
): Float64Array {
  const k = input.k;
  if (fitted !== undefined && fitted.k !== k) {
    throw new ConfigError(`pcaLoadingScores: the given PCA has k = ${fitted.k}, input k = ${k}`);
  }
  const pca = fitted ?? fitPca(input.x, k, input.rows);
  const m = components ?? componentsForVariance(pca, DEFAULT_PCA_VARIANCE_FRACTION);
  if (!Number.isInteger(m) || m < 1 || m > k) {
    throw new ConfigError(`pcaLoadingScores: components must be an integer in 1..${k}, got ${m}`);
  }
  const scores = new Float64Array(k);
  for (let c = 0; c < m; c++) {
    const lambda = pca.eigenvalues[c];
    const axis = c * k;
    for (let j = 0; j < k; j++) {
      const loading = pca.components[axis + j];
      scores[j] += lambda * loading * loading;
    }
  }
  return scores;
}
