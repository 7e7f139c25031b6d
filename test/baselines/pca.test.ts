import { describe, expect, it } from "vitest";
import {
  componentsForVariance,
  DEFAULT_PCA_VARIANCE_FRACTION,
  fitPca,
  pcaLoadingScores,
  projectPca,
} from "../../src/baselines/pca.js";
import { symmetricEigen } from "../../src/baselines/symmetricEigen.js";
import { varianceScores } from "../../src/baselines/varianceScores.js";
import { ConfigError } from "../../src/errors.js";
import { rankDescending } from "../../src/unhide/rankDescending.js";
import { columnMoments } from "../../src/util/columnMoments.js";
import { createRng } from "../../src/util/rng.js";
import { HIGH_VARIANCE, plantedInput } from "./planted.js";

/** Sample covariance of `rows` of x (users × k), computed the plain way. */
function covariance(x: ArrayLike<number>, k: number, rows: Int32Array): Float64Array {
  const { mean } = columnMoments(x, k, rows);
  const c = new Float64Array(k * k);
  for (const r of rows) {
    for (let a = 0; a < k; a++) {
      for (let b = 0; b < k; b++)
        c[a * k + b] += (x[r * k + a] - mean[a]) * (x[r * k + b] - mean[b]);
    }
  }
  return c.map((v) => v / (rows.length - 1));
}

/** Correlated factors: a random mixing of independent sources of decreasing scale. */
function correlatedInput(users: number, k: number, seed: number) {
  const rng = createRng(seed);
  const mixing = Float64Array.from({ length: k * k }, () => rng.normal());
  const x = new Float64Array(users * k);
  for (let u = 0; u < users; u++) {
    for (let s = 0; s < k; s++) {
      const source = rng.normal() * (3 / (1 + s));
      for (let j = 0; j < k; j++) x[u * k + j] += source * mixing[s * k + j];
    }
    for (let j = 0; j < k; j++) x[u * k + j] += j;
  }
  return { x, rows: Int32Array.from({ length: Math.round(users * 0.7) }, (_, i) => i) };
}

describe("symmetricEigen", () => {
  it("decomposes a known matrix, eigenvalues decreasing, signs by the largest entry", () => {
    // [[2, 1], [1, 2]]: eigenvalues 3 and 1, vectors (1, 1)/√2 and (1, −1)/√2 up to sign.
    const { values, vectors } = symmetricEigen([2, 1, 1, 2], 2);
    expect(values[0]).toBeCloseTo(3, 14);
    expect(values[1]).toBeCloseTo(1, 14);
    expect(vectors[0]).toBeCloseTo(Math.SQRT1_2, 14);
    expect(vectors[1]).toBeCloseTo(Math.SQRT1_2, 14);
    // Tie in magnitude: the first entry is the one made positive.
    expect(vectors[2]).toBeCloseTo(Math.SQRT1_2, 14);
    expect(vectors[3]).toBeCloseTo(-Math.SQRT1_2, 14);
    const diagonal = symmetricEigen([1, 0, 0, 0, -5, 0, 0, 0, 7], 3);
    expect(Array.from(diagonal.values)).toEqual([7, 1, -5]);
  });
});

describe("fitPca", () => {
  const k = 30;
  const { x, rows } = correlatedInput(400, k, 1);
  const pca = fitPca(x, k, rows);

  it("has orthonormal components and decreasing non-negative eigenvalues", () => {
    for (let a = 0; a < k; a++) {
      for (let b = 0; b < k; b++) {
        let dot = 0;
        for (let j = 0; j < k; j++) dot += pca.components[a * k + j] * pca.components[b * k + j];
        expect(dot).toBeCloseTo(a === b ? 1 : 0, 12);
      }
    }
    for (let c = 1; c < k; c++)
      expect(pca.eigenvalues[c]).toBeLessThanOrEqual(pca.eigenvalues[c - 1]);
    expect(pca.eigenvalues[k - 1]).toBeGreaterThanOrEqual(0);
    const ratioSum = pca.explainedVarianceRatio.reduce((s, v) => s + v, 0);
    expect(ratioSum).toBeCloseTo(1, 12);
  });

  it("reconstructs the training covariance as Σ λ_c v_c v_cᵀ", () => {
    const expected = covariance(x, k, rows);
    const scale = Math.max(...expected.map(Math.abs));
    for (let a = 0; a < k; a++) {
      for (let b = 0; b < k; b++) {
        let sum = 0;
        for (let c = 0; c < k; c++) {
          sum += pca.eigenvalues[c] * pca.components[c * k + a] * pca.components[c * k + b];
        }
        expect(Math.abs(sum - expected[a * k + b])).toBeLessThan(1e-12 * scale);
      }
    }
  });

  it("signs each component so that its largest loading is positive", () => {
    for (let c = 0; c < k; c++) {
      const row = Array.from(pca.components.subarray(c * k, (c + 1) * k));
      const largest = row.reduce((best, v) => (Math.abs(v) > Math.abs(best) ? v : best), 0);
      expect(largest).toBeGreaterThan(0);
    }
  });

  it("projects onto uncorrelated scores whose training variance is the eigenvalue", () => {
    const users = x.length / k;
    const n = 5;
    const scores = projectPca(pca, x, users, n);
    expect(scores.length).toBe(users * n);
    const cov = covariance(scores, n, rows);
    const { mean } = columnMoments(scores, n, rows);
    for (let a = 0; a < n; a++) {
      expect(mean[a]).toBeCloseTo(0, 10);
      for (let b = 0; b < n; b++) {
        const expected = a === b ? pca.eigenvalues[a] : 0;
        expect(Math.abs(cov[a * n + b] - expected)).toBeLessThan(1e-9 * pca.eigenvalues[0]);
      }
    }
    // Row 399 is not a training row: its score is still (x − mean)·component.
    let s = 0;
    for (let j = 0; j < k; j++) s += (x[399 * k + j] - pca.mean[j]) * pca.components[j];
    expect(scores[399 * n]).toBeCloseTo(s, 10);
  });

  it("handles the 100-factor size of the real runs and constant data", () => {
    const input = plantedInput();
    const big = fitPca(input.x, 100, input.rows);
    expect(big.eigenvalues[0]).toBeGreaterThan(10); // the sd-4 factor
    expect(Math.abs(big.components[HIGH_VARIANCE])).toBeGreaterThan(0.99);
    const flat = fitPca(new Float64Array(20).fill(3), 2, Int32Array.from([0, 1, 2]));
    expect(Array.from(flat.eigenvalues)).toEqual([0, 0]);
    expect(Array.from(flat.explainedVarianceRatio)).toEqual([0, 0]);
  });

  it("rejects too few rows and bad projection sizes", () => {
    expect(() => fitPca(x, k, new Int32Array([0]))).toThrow(ConfigError);
    expect(() => projectPca(pca, x, x.length / k, k + 1)).toThrow(ConfigError);
    expect(() => projectPca(pca, x, 3, 2)).toThrow(ConfigError);
  });
});

describe("pcaLoadingScores", () => {
  it("with all components equals each factor's sample variance", () => {
    const input = plantedInput(300, 2);
    const scores = pcaLoadingScores(input, 100);
    const variance = varianceScores(input);
    const n = input.rows.length;
    for (let j = 0; j < 100; j++) expect(scores[j]).toBeCloseTo((variance[j] * n) / (n - 1), 9);
  });

  it("by default keeps the fewest components explaining 90% of the variance", () => {
    const k = 30;
    const { x, rows } = correlatedInput(400, k, 2);
    const input = { x, k, labels: new Uint8Array(0), rows };
    const pca = fitPca(x, k, rows);
    const m = componentsForVariance(pca, DEFAULT_PCA_VARIANCE_FRACTION);
    let before = 0;
    for (let c = 0; c < m - 1; c++) before += pca.explainedVarianceRatio[c];
    expect(before).toBeLessThan(0.9);
    expect(before + pca.explainedVarianceRatio[m - 1]).toBeGreaterThanOrEqual(0.9 - 1e-12);
    expect(m).toBeLessThan(k);
    expect(pcaLoadingScores(input)).toEqual(pcaLoadingScores(input, m));
    expect(pcaLoadingScores(input, undefined, pca)).toEqual(pcaLoadingScores(input, m));
    // With one component the score is λ₀·loading², so the order follows |loading| on PC 1.
    const first = pcaLoadingScores(input, 1);
    const loadings = Float64Array.from(pca.components.subarray(0, k), Math.abs);
    expect(rankDescending(first)).toEqual(rankDescending(loadings));
  });

  it("rejects a bad number of components or fraction", () => {
    const input = plantedInput(100);
    expect(() => pcaLoadingScores(input, 0)).toThrow(ConfigError);
    expect(() => pcaLoadingScores(input, 101)).toThrow(ConfigError);
    const other = fitPca(new Float64Array(30), 3, Int32Array.from([0, 1, 2]));
    expect(() => pcaLoadingScores(input, 1, other)).toThrow(ConfigError);
    expect(() => componentsForVariance(fitPca(input.x, 100, input.rows), 0)).toThrow(ConfigError);
  });
});
