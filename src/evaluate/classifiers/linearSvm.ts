import { ConfigError } from "../../errors.js";
import { applyInputScaling, fitInputScaling, type InputScaling } from "../../nn/inputScaling.js";
import { withDefaults } from "../../util/defaults.js";
import { type Rng, shuffleInPlace } from "../../util/rng.js";
import { type BinaryClassifier, checkClassifierData } from "./binaryClassifier.js";

/** Hyper-parameters of {@link fitLinearSvm}. */
export interface LinearSvmConfig {
  /** Penalty C of the hinge loss (scikit-learn's and LIBSVM's default: 1). */
  readonly c: number;
  /** Stop when the projected-gradient spread of an epoch falls below this. */
  readonly tolerance: number;
  /** Upper bound on passes over the training rows. */
  readonly maxEpochs: number;
}

/**
 * C = 1 as in the RBF SVM; tolerance 0.1 on the projected-gradient spread, LIBLINEAR's
 * default for its dual solvers (coordinate descent closes the last digits slowly; at 0.1
 * the objective is within about 1% of the optimum and the ranking of users is settled);
 * up to 1000 passes.
 */
export const DEFAULT_LINEAR_SVM_CONFIG: LinearSvmConfig = Object.freeze({
  c: 1,
  tolerance: 0.1,
  maxEpochs: 1000,
});

/** A fitted linear SVM on standardized inputs. */
export interface LinearSvmModel {
  readonly width: number;
  readonly scaling: InputScaling;
  /** Weights in the standardized space. */
  readonly weights: Float64Array;
  readonly bias: number;
  /** Passes over the data, and whether the tolerance was met. */
  readonly epochs: number;
  readonly converged: boolean;
}

/**
 * Linear C-SVC with the hinge loss, min ½‖w‖² + C Σ max(0, 1 − y(w·x + b)), solved in the
 * dual by coordinate descent (Hsieh et al. 2008, the algorithm of LIBLINEAR) on inputs
 * standardized over the training rows. As in LIBLINEAR, the bias is a constant feature of
 * value 1 and so is regularized with the weights: the one difference from LIBSVM's linear
 * kernel, which solves the same problem with a free bias by SMO and is much slower on PMF
 * factors (it dominated the evaluation's run time). With LIBLINEAR's shrinking; the visiting
 * order is a seeded shuffle per pass.
 */
export function fitLinearSvm(
  x: ArrayLike<number>,
  width: number,
  labels: Uint8Array,
  rows: Int32Array,
  rng: Rng,
  config?: Partial<LinearSvmConfig>,
): LinearSvmModel {
  const c = resolveLinearSvmConfig(config);
  const scaling = fitInputScaling(x, width, rows);
  const z = applyInputScaling(x, width, scaling);
  const n = rows.length;
  const w = new Float64Array(width + 1); // the last entry multiplies the constant 1 (bias)
  const alpha = new Float64Array(n);
  const diagonal = new Float64Array(n);
  const sign = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const base = rows[i] * width;
    let q = 1;
    for (let j = 0; j < width; j++) q += z[base + j] * z[base + j];
    diagonal[i] = q;
    sign[i] = labels[rows[i]] === 1 ? 1 : -1;
  }
  // LIBLINEAR's shrinking: a coordinate stuck at a bound whose gradient points further out
  // than any free coordinate's did in the last pass leaves the active set; when the active
  // set has converged, every coordinate comes back for a final check.
  const index = new Int32Array(n);
  for (let i = 0; i < n; i++) index[i] = i;
  let active = n;
  let pgMaxOld = Number.POSITIVE_INFINITY;
  let pgMinOld = Number.NEGATIVE_INFINITY;
  let epoch = 0;
  let converged = false;
  while (epoch < c.maxEpochs) {
    epoch++;
    shuffleInPlace(index.subarray(0, active), rng);
    let pgMax = Number.NEGATIVE_INFINITY;
    let pgMin = Number.POSITIVE_INFINITY;
    for (let s = 0; s < active; s++) {
      const i = index[s];
      const base = rows[i] * width;
      const y = sign[i];
      let margin = w[width];
      for (let j = 0; j < width; j++) margin += w[j] * z[base + j];
      const g = y * margin - 1;
      const a = alpha[i];
      let pg = 0;
      if (a === 0 ? g > pgMaxOld : a === c.c && g < pgMinOld) {
        active--;
        index[s] = index[active];
        index[active] = i;
        s--;
        continue;
      }
      if (a === 0) pg = Math.min(g, 0);
      else if (a === c.c) pg = Math.max(g, 0);
      else pg = g;
      if (pg > pgMax) pgMax = pg;
      if (pg < pgMin) pgMin = pg;
      if (Math.abs(pg) <= 1e-12) continue;
      const next = Math.min(Math.max(a - g / diagonal[i], 0), c.c);
      const step = (next - a) * y;
      alpha[i] = next;
      for (let j = 0; j < width; j++) w[j] += step * z[base + j];
      w[width] += step;
    }
    if (pgMax - pgMin <= c.tolerance) {
      if (active === n) {
        converged = true;
        break;
      }
      active = n;
      pgMaxOld = Number.POSITIVE_INFINITY;
      pgMinOld = Number.NEGATIVE_INFINITY;
      continue;
    }
    pgMaxOld = pgMax <= 0 ? Number.POSITIVE_INFINITY : pgMax;
    pgMinOld = pgMin >= 0 ? Number.NEGATIVE_INFINITY : pgMin;
  }
  return {
    width,
    scaling,
    weights: w.subarray(0, width),
    bias: w[width],
    epochs: epoch,
    converged,
  };
}

/** Decision values w·x + b for `rows` of raw `x`: positive means class 1. */
export function linearSvmDecisionValues(
  model: LinearSvmModel,
  x: ArrayLike<number>,
  rows: Int32Array,
): Float64Array {
  const { width, weights, bias, scaling } = model;
  const out = new Float64Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const base = rows[r] * width;
    let s = bias;
    for (let j = 0; j < width; j++)
      s += (weights[j] * (x[base + j] - scaling.mean[j])) / scaling.scale[j];
    out[r] = s;
  }
  return out;
}

function resolveLinearSvmConfig(config: Partial<LinearSvmConfig> | undefined): LinearSvmConfig {
  const c = withDefaults(DEFAULT_LINEAR_SVM_CONFIG, config);
  if (!(c.c > 0)) throw new ConfigError(`linear SVM c must be positive, got ${c.c}`);
  if (!(c.tolerance > 0))
    throw new ConfigError(`linear SVM tolerance must be positive, got ${c.tolerance}`);
  if (!Number.isInteger(c.maxEpochs) || c.maxEpochs < 1) {
    throw new ConfigError(`linear SVM maxEpochs must be a positive integer, got ${c.maxEpochs}`);
  }
  return c;
}

/** The linear SVM behind the experiments' classifier interface (decision values, threshold 0). */
export function linearSvmClassifier(config?: Partial<LinearSvmConfig>): BinaryClassifier {
  resolveLinearSvmConfig(config);
  return {
    name: "svm-linear",
    threshold: 0,
    fitScore(data, rng) {
      checkClassifierData(data);
      const model = fitLinearSvm(data.x, data.width, data.labels, data.train, rng, config);
      return linearSvmDecisionValues(model, data.x, data.test);
    },
  };
}
