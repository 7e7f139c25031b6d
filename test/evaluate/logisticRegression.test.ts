import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/errors.js";
import {
  DEFAULT_LOGISTIC_CONFIG,
  fitLogisticRegression,
  type LogisticModel,
  predictLogistic,
} from "../../src/evaluate/classifiers/logisticRegression.js";
import { rocAuc } from "../../src/evaluate/metrics.js";
import { plantedInput } from "../baselines/planted.js";

const allRows = (n: number) => Int32Array.from({ length: n }, (_, i) => i);

/** The 30 × 3 dataset of the reference fits (see the SciPy snippet below). */
function referenceData(): { x: Float64Array; labels: Uint8Array } {
  const n = 30;
  const d = 3;
  const x = new Float64Array(n * d);
  const labels = new Uint8Array(n);
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < d; b++) x[a * d + b] = Math.cos(0.7 * a + 1.9 * b) + 0.2 * b;
    labels[a] = Math.sin(0.9 * a) + x[a * d] > 0.3 ? 1 : 0;
  }
  return { x, labels };
}

// scikit-learn is not installed here; the references minimize scikit-learn's objective
// ½‖w‖² + C Σ logloss with SciPy's BFGS (gradient max-norm at the result < 2e-8):
//   X = [[cos(0.7a + 1.9b) + 0.2b for b in range(3)] for a in range(30)]
//   y = (sin(0.9 arange(30)) + X[:, 0] > 0.3)
//   f(t) = 0.5 w·w + C Σ (logaddexp(0, z) − y z), z = Z w + b, with its analytic gradient
//   minimize(f, zeros(4), jac=g, method="BFGS", options={"gtol": 1e-13})
// with Z = (X − mean) / std(ddof=0) and C = 1, and with Z = X and C = 0.5.
const REFERENCE_STANDARDIZED = [
  0.7839389033083668, -0.3631735831884477, -0.5581462377683237, -0.6026473626158986,
];
const REFERENCE_RAW_C_HALF = [
  0.820937165652821, -0.3508727021198121, -0.594070198018728, -0.2910682623880254,
];

/** Max-norm of the objective's gradient at `model`, computed from the definition. */
function gradientNorm(
  model: LogisticModel,
  x: ArrayLike<number>,
  labels: Uint8Array,
  rows: Int32Array,
  c: number,
): number {
  const d = model.width;
  const g = Array.from(model.coefficients);
  g.push(0);
  for (const row of rows) {
    let z = model.intercept;
    const xs: number[] = [];
    for (let j = 0; j < d; j++) {
      xs.push((x[row * d + j] - model.mean[j]) / model.scale[j]);
      z += model.coefficients[j] * xs[j];
    }
    const r = c * (1 / (1 + Math.exp(-z)) - labels[row]);
    for (let j = 0; j < d; j++) g[j] += r * xs[j];
    g[d] += r;
  }
  return Math.max(...g.map(Math.abs));
}

describe("fitLogisticRegression", () => {
  it("matches the reference optimum of scikit-learn's objective", () => {
    const { x, labels } = referenceData();
    const rows = allRows(30);
    const standardized = fitLogisticRegression(x, 3, labels, rows);
    const got = [...standardized.coefficients, standardized.intercept];
    got.forEach((v, j) => {
      expect(v).toBeCloseTo(REFERENCE_STANDARDIZED[j], 7);
    });
    expect(standardized.converged).toBe(true);

    const raw = fitLogisticRegression(x, 3, labels, rows, { c: 0.5, standardize: false });
    const gotRaw = [...raw.coefficients, raw.intercept];
    gotRaw.forEach((v, j) => {
      expect(v).toBeCloseTo(REFERENCE_RAW_C_HALF[j], 7);
    });
    expect(Array.from(raw.mean)).toEqual([0, 0, 0]);
    expect(Array.from(raw.scale)).toEqual([1, 1, 1]);
  });

  it("solves a hand-checked case: x = ±1, y = x > 0 gives b = 0 and w = 2σ(−w)", () => {
    const model = fitLogisticRegression(
      new Float64Array([-1, 1]),
      1,
      new Uint8Array([0, 1]),
      allRows(2),
      { standardize: false },
    );
    // Stationarity of ½w² + 2 log(1 + e^−w): w = 2/(1 + e^w); bisection for the root.
    let lo = 0;
    let hi = 2;
    for (let i = 0; i < 200; i++) {
      const mid = (lo + hi) / 2;
      if (mid - 2 / (1 + Math.exp(mid)) > 0) hi = mid;
      else lo = mid;
    }
    expect(model.coefficients[0]).toBeCloseTo(lo, 10);
    expect(model.intercept).toBeCloseTo(0, 10);
  });

  it("stops at a zero gradient of the objective, on the training rows only", () => {
    const input = plantedInput(800, 2);
    for (const c of [0.01, 1, 100]) {
      for (const standardize of [true, false]) {
        const model = fitLogisticRegression(input.x, input.k, input.labels, input.rows, {
          c,
          standardize,
        });
        expect(model.converged).toBe(true);
        expect(model.iterations).toBeLessThan(25);
        const n = input.rows.length;
        expect(gradientNorm(model, input.x, input.labels, input.rows, c)).toBeLessThan(
          1e-8 * c * n,
        );
      }
    }
  });

  it("standardizes on the fitted rows, so rescaling or shifting a factor changes nothing", () => {
    const input = plantedInput(500, 4);
    const base = fitLogisticRegression(input.x, input.k, input.labels, input.rows);
    const x = Float64Array.from(input.x);
    for (let u = 0; u < 500; u++) x[u * input.k + 1] = x[u * input.k + 1] * 1000 - 50;
    const moved = fitLogisticRegression(x, input.k, input.labels, input.rows);
    for (let j = 0; j < input.k; j++) {
      expect(moved.coefficients[j]).toBeCloseTo(base.coefficients[j], 8);
    }
    const test = Int32Array.from({ length: 150 }, (_, i) => 350 + i);
    const p0 = predictLogistic(base, input.x, input.k, test);
    const p1 = predictLogistic(moved, x, input.k, test);
    for (let i = 0; i < test.length; i++) expect(p1[i]).toBeCloseTo(p0[i], 10);
  });

  it("shrinks the weights as C decreases and predicts held-out users well", () => {
    const input = plantedInput(1000, 6);
    const norm = (m: LogisticModel) => Math.hypot(...m.coefficients);
    const strong = fitLogisticRegression(input.x, input.k, input.labels, input.rows, { c: 0.01 });
    const weak = fitLogisticRegression(input.x, input.k, input.labels, input.rows, { c: 1 });
    expect(norm(strong)).toBeLessThan(norm(weak));
    const test = Int32Array.from({ length: 300 }, (_, i) => 700 + i);
    const p = predictLogistic(weak, input.x, input.k, test);
    const y = Uint8Array.from(test, (u) => input.labels[u]);
    expect(rocAuc(y, p)).toBeGreaterThan(0.8);
  });

  it("predicts σ(w·(x − μ)/s + b) for the requested rows, in their order", () => {
    const { x, labels } = referenceData();
    const model = fitLogisticRegression(x, 3, labels, allRows(20));
    const rows = new Int32Array([29, 3, 3, 0]);
    const p = predictLogistic(model, x, 3, rows);
    rows.forEach((row, i) => {
      let z = model.intercept;
      for (let j = 0; j < 3; j++) {
        z += (model.coefficients[j] * (x[row * 3 + j] - model.mean[j])) / model.scale[j];
      }
      expect(p[i]).toBeCloseTo(1 / (1 + Math.exp(-z)), 14);
    });
  });

  it("stays finite on perfectly separable data and on constant factors", () => {
    const n = 40;
    const x = new Float32Array(n * 2);
    const labels = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      labels[i] = i < 20 ? 0 : 1;
      x[i * 2] = i < 20 ? -1 - i : 1 + i;
      x[i * 2 + 1] = 3; // constant: scale 1, coefficient exactly 0
    }
    const model = fitLogisticRegression(x, 2, labels, allRows(n), { c: 1e4 });
    expect(model.converged).toBe(true);
    expect(Number.isFinite(model.coefficients[0])).toBe(true);
    expect(model.coefficients[0]).toBeGreaterThan(1);
    expect(model.coefficients[1]).toBe(0);
    expect(model.scale[1]).toBe(1);
  });

  it("rejects bad configuration and inputs with ConfigError", () => {
    const { x, labels } = referenceData();
    const rows = allRows(30);
    for (const bad of [
      { c: 0 },
      { c: -1 },
      { c: Number.POSITIVE_INFINITY },
      { tolerance: 0 },
      { maxIterations: 0 },
      { maxIterations: 1.5 },
    ]) {
      expect(() => fitLogisticRegression(x, 3, labels, rows, bad)).toThrow(ConfigError);
    }
    expect(() => fitLogisticRegression(x, 4, labels, rows)).toThrow(ConfigError);
    expect(() => fitLogisticRegression(x, 3, labels, new Int32Array([0, 30]))).toThrow(ConfigError);
    expect(() => fitLogisticRegression(x, 3, labels, new Int32Array([3, 4, 5]))).toThrow(
      /both groups/,
    );
    const twos = labels.slice();
    twos[0] = 2;
    expect(() => fitLogisticRegression(x, 3, twos, rows)).toThrow(ConfigError);
    const nan = x.slice();
    nan[5] = Number.NaN;
    expect(() => fitLogisticRegression(nan, 3, labels, rows)).toThrow(ConfigError);
    const model = fitLogisticRegression(x, 3, labels, rows);
    expect(() => predictLogistic(model, x, 2, rows)).toThrow(ConfigError);
    expect(() => predictLogistic(model, x, 3, new Int32Array([30]))).toThrow(ConfigError);
  });

  it("documents scikit-learn's defaults", () => {
    expect(DEFAULT_LOGISTIC_CONFIG.c).toBe(1);
    expect(DEFAULT_LOGISTIC_CONFIG.standardize).toBe(true);
    expect(Object.isFrozen(DEFAULT_LOGISTIC_CONFIG)).toBe(true);
  });
});
