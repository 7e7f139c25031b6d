/**
 * C-support vector classification (paper §3.3, E3) with a linear or an RBF kernel, trained
 * by libsvm (the solver behind scikit-learn's `SVC`) compiled to WebAssembly.
 *
 * libsvm-js exposes predicted labels and Platt-scaled probabilities, but not decision
 * values. Probabilities would cost an internal 5-fold cross-validation per fit (about six
 * trainings instead of one) and draw its folds from the C library's `rand()`, whose state
 * depends on every earlier call in the process, so scores would not be reproducible per
 * seed. Instead the decision function is rebuilt in TypeScript from the trained model:
 * support vectors (exact, by their training-row indices), dual coefficients y_i·α_i
 * (serialized by libsvm with 17 significant digits) and the offset ρ. libsvm prints ρ with
 * only 6 significant digits; the resulting constant shift, at most ~5e-7·|ρ|, leaves the
 * order of the scores (hence the AUC) unchanged and can flip only decision values within
 * that distance of 0.
 */

import { ConfigError } from "../../errors.js";
import { applyInputScaling, fitInputScaling, type InputScaling } from "../../nn/inputScaling.js";
import { withDefaults } from "../../util/defaults.js";
import { type BinaryClassifier, checkClassifierData } from "./binaryClassifier.js";
import type { LibsvmModule } from "./libsvm.js";

/** Kernel of the SVM. */
export type SvmKernel = "linear" | "rbf";

/** Hyper-parameters of {@link fitSvm}. */
export interface SvmConfig {
  /** Penalty C of the soft margin. */
  readonly cost: number;
  /**
   * RBF width γ in exp(−γ‖a − b‖²), or "scale" for scikit-learn's default
   * 1 / (width · Var(X_train)), the variance taken over all entries of the (standardized, if
   * enabled) training matrix. Ignored by the linear kernel.
   */
  readonly gamma: "scale" | number;
  /**
   * Standardize each column with the training rows' mean and standard deviation before
   * training (test rows are scaled with the same numbers). SVMs are not scale invariant and
   * PMF factors are not standardized; with it, "scale" γ is 1/width.
   */
  readonly standardize: boolean;
  /** Stopping tolerance of the SMO solver (libsvm `-e`). */
  readonly tolerance: number;
  /** libsvm's kernel cache in MB; 660 training rows need under 2 MB. */
  readonly cacheSizeMb: number;
}

/**
 * Defaults: scikit-learn's `SVC()` (C = 1, γ = "scale", tolerance 1e-3), which is what an
 * E3 reproduction in Python would run, preceded by standardization on the training rows
 * (the usual `StandardScaler` pipeline; the paper does not say, and without it the RBF
 * width would depend on the arbitrary scale of the factors).
 */
export const DEFAULT_SVM_CONFIG: SvmConfig = Object.freeze({
  cost: 1,
  gamma: "scale",
  standardize: true,
  tolerance: 1e-3,
  cacheSizeMb: 100,
});

/** A trained SVM, held in TypeScript memory (libsvm's copy is freed after training). */
export interface SvmModel {
  readonly kernel: SvmKernel;
  /** Number of input columns. */
  readonly width: number;
  /** The γ used by the RBF kernel (0 for the linear kernel). */
  readonly gamma: number;
  /** Column scaling applied to inputs before the kernel, or null. */
  readonly scaling: InputScaling | null;
  /** Support vectors in scaled space, one per row (nSV × width, row-major). */
  readonly supportVectors: Float64Array;
  /** Dual coefficients, oriented so that a positive one pulls the score toward class 1. */
  readonly coefficients: Float64Array;
  /** Offset of the oriented decision function. */
  readonly bias: number;
  /** For the linear kernel, w = Σ coefficient_i · supportVector_i (scaled space); else null. */
  readonly weights: Float64Array | null;
}

function resolveConfig(config: Partial<SvmConfig> | undefined): SvmConfig {
  const c = withDefaults(DEFAULT_SVM_CONFIG, config);
  if (!(c.cost > 0)) throw new ConfigError(`SVM cost must be positive, got ${c.cost}`);
  if (c.gamma !== "scale" && !(c.gamma > 0)) {
    throw new ConfigError(`SVM gamma must be "scale" or positive, got ${c.gamma}`);
  }
  if (!(c.tolerance > 0)) {
    throw new ConfigError(`SVM tolerance must be positive, got ${c.tolerance}`);
  }
  if (!(c.cacheSizeMb > 0)) {
    throw new ConfigError(`SVM cacheSizeMb must be positive, got ${c.cacheSizeMb}`);
  }
  return c;
}

/** scikit-learn's "scale": 1 / (width · population variance of all training entries). */
function scaleGamma(x: Float64Array, width: number, rows: Int32Array): number {
  let sum = 0;
  for (let r = 0; r < rows.length; r++) {
    const base = rows[r] * width;
    for (let j = 0; j < width; j++) sum += x[base + j];
  }
  const count = rows.length * width;
  const mean = sum / count;
  let squares = 0;
  for (let r = 0; r < rows.length; r++) {
    const base = rows[r] * width;
    for (let j = 0; j < width; j++) squares += (x[base + j] - mean) ** 2;
  }
  const variance = squares / count;
  return variance > 0 ? 1 / (width * variance) : 1;
}

/** ρ and the dual coefficients (first field of each SV line) from libsvm's model text. */
function parseModelText(text: string): { rho: number; coefficients: Float64Array } {
  const rhoMatch = /^rho (\S+)$/m.exec(text);
  const svStart = text.indexOf("\nSV\n");
  if (rhoMatch === null || svStart < 0) {
    throw new Error("libsvm model text has no rho line or no SV section");
  }
  const lines = text.slice(svStart + 4).split("\n");
  const values: number[] = [];
  for (const line of lines) {
    if (line.length === 0) continue;
    const space = line.indexOf(" ");
    values.push(Number(space < 0 ? line : line.slice(0, space)));
  }
  return { rho: Number(rhoMatch[1]), coefficients: Float64Array.from(values) };
}

/**
 * Trains a C-SVC on `rows` of `x` (n × width row-major) with 0/1 `labels` (one per row of
 * `x`). Deterministic: libsvm's solver draws no random numbers. The libsvm instance is freed
 * before returning; the returned model predicts in TypeScript ({@link svmDecisionValues}).
 */
export function fitSvm(
  libsvm: LibsvmModule,
  x: Float64Array,
  width: number,
  labels: Uint8Array,
  rows: Int32Array,
  kernel: SvmKernel,
  config?: Partial<SvmConfig>,
): SvmModel {
  const c = resolveConfig(config);
  const scaling = c.standardize ? fitInputScaling(x, width, rows) : null;
  const xs = scaling !== null ? applyInputScaling(x, width, scaling) : x;
  const gamma =
    kernel === "linear" ? 0 : c.gamma === "scale" ? scaleGamma(xs, width, rows) : c.gamma;

  const samples: Float64Array[] = [];
  const trainLabels: number[] = [];
  for (let r = 0; r < rows.length; r++) {
    samples.push(xs.subarray(rows[r] * width, (rows[r] + 1) * width));
    trainLabels.push(labels[rows[r]]);
  }
  const svm = new libsvm({
    type: libsvm.SVM_TYPES.C_SVC,
    kernel: kernel === "linear" ? libsvm.KERNEL_TYPES.LINEAR : libsvm.KERNEL_TYPES.RBF,
    gamma: kernel === "linear" ? undefined : gamma,
    cost: c.cost,
    tolerance: c.tolerance,
    cacheSize: c.cacheSizeMb,
    quiet: true,
  });
  let svIndices: number[];
  let order: number[];
  let parsed: { rho: number; coefficients: Float64Array };
  try {
    svm.train(samples, trainLabels);
    order = svm.getLabels();
    svIndices = svm.getSVIndices();
    parsed = parseModelText(svm.serializeModel());
  } finally {
    svm.free();
  }
  if (parsed.coefficients.length !== svIndices.length) {
    throw new Error(
      `libsvm model lists ${parsed.coefficients.length} coefficients for ${svIndices.length} support vectors`,
    );
  }
  // libsvm's decision value is positive for its first label, which is whichever class the
  // first training row has; orient it so that positive always means class 1.
  const sign = order[0] === 1 ? 1 : -1;
  const count = svIndices.length;
  const supportVectors = new Float64Array(count * width);
  const coefficients = new Float64Array(count);
  for (let s = 0; s < count; s++) {
    supportVectors.set(samples[svIndices[s]], s * width);
    coefficients[s] = sign * parsed.coefficients[s];
  }
  let weights: Float64Array | null = null;
  if (kernel === "linear") {
    weights = new Float64Array(width);
    for (let s = 0; s < count; s++) {
      const base = s * width;
      for (let j = 0; j < width; j++) weights[j] += coefficients[s] * supportVectors[base + j];
    }
  }
  return {
    kernel,
    width,
    gamma,
    scaling,
    supportVectors,
    coefficients,
    bias: -sign * parsed.rho,
    weights,
  };
}

/**
 * Decision values of `model` for `rows` of `x` (n × width row-major, raw features): positive
 * means class 1, and larger means further on class 1's side of the margin.
 */
export function svmDecisionValues(
  model: SvmModel,
  x: Float64Array,
  rows: Int32Array,
): Float64Array {
  const { width, scaling, supportVectors, coefficients, bias, weights, gamma } = model;
  const out = new Float64Array(rows.length);
  const z = new Float64Array(width);
  const count = coefficients.length;
  for (let r = 0; r < rows.length; r++) {
    const base = rows[r] * width;
    if (scaling !== null) {
      for (let j = 0; j < width; j++) z[j] = (x[base + j] - scaling.mean[j]) / scaling.scale[j];
    } else {
      for (let j = 0; j < width; j++) z[j] = x[base + j];
    }
    let value = bias;
    if (weights !== null) {
      for (let j = 0; j < width; j++) value += weights[j] * z[j];
    } else {
      for (let s = 0; s < count; s++) {
        const sv = s * width;
        let d2 = 0;
        for (let j = 0; j < width; j++) {
          const d = supportVectors[sv + j] - z[j];
          d2 += d * d;
        }
        value += coefficients[s] * Math.exp(-gamma * d2);
      }
    }
    out[r] = value;
  }
  return out;
}

/**
 * The SVM behind the experiments' classifier interface: fits on the training rows and
 * scores the test rows with decision values (threshold 0). `rng` is unused: libsvm is
 * deterministic.
 */
export function svmClassifier(
  libsvm: LibsvmModule,
  kernel: SvmKernel,
  config?: Partial<SvmConfig>,
): BinaryClassifier {
  resolveConfig(config);
  return {
    name: kernel === "linear" ? "svm-linear" : "svm-rbf",
    threshold: 0,
    superLinear: true,
    fitScore(data) {
      checkClassifierData(data);
      const model = fitSvm(libsvm, data.x, data.width, data.labels, data.train, kernel, config);
      return svmDecisionValues(model, data.x, data.test);
    },
  };
}
