/**
 * Probabilistic Matrix Factorization trained by per-rating SGD with L2 regularization, the
 * model DeepUnHide explains (paper §2.3): r̂_ui = p_u · q_i, no biases.
 */

import type { Ratings } from "../data/dataset.js";
import { ConfigError, TrainingError } from "../errors.js";
import { withDefaults } from "../util/defaults.js";
import type { Rng } from "../util/rng.js";
import type { FactorModel } from "./factorModel.js";
import { globalMean } from "./metrics.js";
import { sgdEpoch } from "./sgdEpoch.js";
import { openWasmSgdSession } from "./wasmSgd.js";

/**
 * How factors start.
 * - `"uniform"`: every entry uniform in ±initScale (CF4J's scheme, which uses ±1).
 * - `"globalMean"`: every entry `c + uniform(±initScale)` with `c = √(|μ|/k)` (sign of μ on
 *   the item side), μ the mean training rating, so that the first predictions are ≈ μ instead
 *   of ≈ 0 and early epochs are not spent learning the offset.
 */
export type PmfInit = "uniform" | "globalMean";

/**
 * Who runs the SGD epochs.
 * - `"wasm"`: the WebAssembly kernel (`wasmSgd.ts`, f32x4 SIMD, all arithmetic in f32): 5×
 *   less CPU on MovieLens 100K, 2.3× at MyAnimeList scale; falls back to `"js"` on a host
 *   without WebAssembly SIMD or past 4 GiB of kernel memory.
 * - `"js"`: the TypeScript reference ({@link sgdEpoch}; products and sums in f64, each stored
 *   factor rounded to f32).
 *
 * Both visit the ratings in the same seeded order from the same initial factors, so they differ
 * only by rounding: after 40 epochs on MovieLens 100K the test RMSEs differ by 2e-7.
 */
export type PmfKernel = "wasm" | "js";

/** Hyper-parameters of {@link fitPmf}. */
export interface PmfConfig {
  /** Number of latent factors K (integer ≥ 1). */
  k: number;
  /** SGD step size γ (> 0). */
  learningRate: number;
  /** L2 weight λ applied at every rating's step (≥ 0). */
  regularization: number;
  /** Passes over the training ratings (integer ≥ 1). */
  epochs: number;
  /** Half-width of the uniform noise of the initial factors (≥ 0). */
  initScale: number;
  /** Initialization scheme. */
  init: PmfInit;
  /** Who runs the epochs (same order, same start; results differ only by f32 rounding). */
  kernel: PmfKernel;
}

/**
 * Defaults. K = 100, γ = 0.01 and λ = 0.1 are the authors' CF4J settings (DESIGN §1).
 *
 * Init: CF4J draws factors from Uniform[−1, 1]; with K = 100 the first predictions p·q
 * then spread with std ≈ 100·(1/3) ≈ 3.3 around 0 on a 1–5 scale and SGD spends its epochs
 * undoing that noise (ML-100K, seeded 80/20 split: test RMSE 0.990 after 30 epochs, 0.940
 * after 80). Uniform ±0.1 starts near zero yet breaks the symmetry between factors quickly:
 * 0.915 after 30 epochs. Starting at p·q ≈ global mean (`"globalMean"`) was no better
 * (0.917 at 30, 0.912–0.915 at 40–50), so the simpler scheme is the default.
 *
 * Epochs: with these settings test RMSE on ML-100K bottoms out between 35 and 50 epochs
 * (0.911–0.915 over two split seeds; global mean 1.124–1.127) and creeps up after 60, so 40.
 */
export const DEFAULT_PMF_CONFIG: Readonly<PmfConfig> = Object.freeze({
  k: 100,
  learningRate: 0.01,
  regularization: 0.1,
  epochs: 40,
  initScale: 0.1,
  init: "uniform",
  kernel: "wasm",
});

/** One epoch of the training history. */
export interface PmfEpoch {
  /** 1-based epoch number. */
  readonly epoch: number;
  /**
   * Train RMSE over the epoch: each rating's error measured just before its own update
   * (the running loss SGD libraries print). It trails the end-of-epoch RMSE slightly; call
   * `rmse(train, model)` for the exact figure.
   */
  readonly trainRmse: number;
}

/** A trained PMF model: factors plus per-epoch training history. */
export interface PmfModel extends FactorModel {
  readonly history: readonly PmfEpoch[];
  /**
   * The kernel that ran the epochs (`"js"` when `"wasm"` was asked for but unavailable);
   * absent for factors imported from another engine.
   */
  readonly kernel?: PmfKernel;
}

/** Fills in defaults and validates. @throws ConfigError naming the bad field. */
export function resolvePmfConfig(config: Partial<PmfConfig> | undefined): PmfConfig {
  const merged = withDefaults<PmfConfig>(DEFAULT_PMF_CONFIG, config);
  requireInteger("k", merged.k, 1);
  requireInteger("epochs", merged.epochs, 1);
  requireFinite("learningRate", merged.learningRate, (v) => v > 0, "> 0");
  requireFinite("regularization", merged.regularization, (v) => v >= 0, ">= 0");
  requireFinite("initScale", merged.initScale, (v) => v >= 0, ">= 0");
  if (merged.init !== "uniform" && merged.init !== "globalMean") {
    throw new ConfigError(`PMF init must be "uniform" or "globalMean", got ${String(merged.init)}`);
  }
  if (merged.kernel !== "wasm" && merged.kernel !== "js") {
    throw new ConfigError(`PMF kernel must be "wasm" or "js", got ${String(merged.kernel)}`);
  }
  if (merged.init === "uniform" && merged.initScale === 0) {
    // p = q = 0 is a fixed point of the updates: nothing would ever be learned.
    throw new ConfigError('PMF initScale must be > 0 with init "uniform"');
  }
  return merged;
}

/**
 * Fits PMF by SGD. Each epoch visits every training rating once, in a fresh seeded random
 * order, and applies the paper's update (see {@link sgdEpoch}).
 *
 * @param ratings - training ratings over dense indices; not modified.
 * @param userCount - rows of P; every `ratings.user[r]` must be below it.
 * @param itemCount - rows of Q; every `ratings.item[r]` must be below it.
 * @param config - overrides of {@link DEFAULT_PMF_CONFIG}.
 * @param rng - seeded stream; same seed and inputs give byte-identical factors.
 * @param onEpoch - called after each epoch (for progress bars).
 * @throws ConfigError on invalid config, counts or out-of-range indices.
 * @throws TrainingError if the loss becomes NaN/Infinity or explodes (learning rate too big).
 */
export function fitPmf(
  ratings: Ratings,
  userCount: number,
  itemCount: number,
  config: Partial<PmfConfig> | undefined,
  rng: Rng,
  onEpoch?: (epoch: number, trainRmse: number) => void,
): PmfModel {
  const cfg = resolvePmfConfig(config);
  requireInteger("userCount", userCount, 0);
  requireInteger("itemCount", itemCount, 0);
  checkRatings(ratings, userCount, itemCount);
  const n = ratings.value.length;
  const { k } = cfg;
  // The kernel's own copy of the triples and factors, laid out once per fit; the JS path
  // keeps them in ordinary typed arrays.
  const session = cfg.kernel === "wasm" ? openWasmSgdSession(n, userCount, itemCount, k) : null;
  try {
    const user = session?.user ?? new Int32Array(n);
    const item = session?.item ?? new Int32Array(n);
    const value = session?.value ?? new Float32Array(n);
    const userFactors = session?.userFactors ?? new Float32Array(userCount * k);
    const itemFactors = session?.itemFactors ?? new Float32Array(itemCount * k);
    initFactors(userFactors, itemFactors, k, globalMean(ratings), cfg, rng.fork("pmf-init"));
    // Shuffled in place each epoch: sequential reads in the kernel (faster than indirecting
    // through a permutation at large scale, ts-stack C1).
    user.set(ratings.user);
    item.set(ratings.item);
    value.set(ratings.value);
    const order = rng.fork("pmf-order");
    const blowUp = 100 * Math.max(1, Math.sqrt(meanSquare(value)));
    const learningRate = cfg.learningRate;
    const regularization = cfg.regularization;
    const runEpoch =
      session !== null
        ? () => session.epoch(learningRate, regularization)
        : () =>
            sgdEpoch(
              userFactors,
              itemFactors,
              k,
              user,
              item,
              value,
              n,
              learningRate,
              regularization,
            );

    const history: PmfEpoch[] = [];
    for (let epoch = 1; epoch <= cfg.epochs; epoch++) {
      shuffleTriples(user, item, value, order);
      const sse = runEpoch();
      const trainRmse = n === 0 ? 0 : Math.sqrt(sse / n);
      if (!Number.isFinite(trainRmse) || trainRmse > blowUp) {
        throw new TrainingError(
          `PMF diverged at epoch ${epoch} (train RMSE ${trainRmse}) with learning rate ` +
            `${cfg.learningRate}; try a smaller learning rate (the default is ${DEFAULT_PMF_CONFIG.learningRate})`,
        );
      }
      history.push({ epoch, trainRmse });
      onEpoch?.(epoch, trainRmse);
    }
    return {
      k,
      userCount,
      itemCount,
      // Out of the kernel's memory, which the next fit reuses.
      userFactors: session !== null ? userFactors.slice() : userFactors,
      itemFactors: session !== null ? itemFactors.slice() : itemFactors,
      history,
      kernel: session !== null ? "wasm" : "js",
    };
  } finally {
    session?.release();
  }
}

function initFactors(
  userFactors: Float32Array,
  itemFactors: Float32Array,
  k: number,
  mean: number,
  cfg: PmfConfig,
  rng: Rng,
): void {
  const offset = cfg.init === "globalMean" ? Math.sqrt(Math.abs(mean) / k) : 0;
  const itemOffset = mean < 0 ? -offset : offset;
  const s = cfg.initScale;
  for (let x = 0; x < userFactors.length; x++) userFactors[x] = offset + rng.uniform(-s, s);
  for (let x = 0; x < itemFactors.length; x++) itemFactors[x] = itemOffset + rng.uniform(-s, s);
}

/** Draws taken from the rng per block while shuffling (a bounded buffer, 512 KB). */
const SHUFFLE_DRAW_BLOCK = 65536;

/**
 * Fisher–Yates over three parallel arrays at once. Position a swaps with ⌊u·(a + 1)⌋, u the
 * next uniform draw: exactly `rng.int(a + 1)`, with the draws taken in blocks by `rng.fill`
 * (2.5× faster than one call per draw, which matters at millions of ratings).
 */
function shuffleTriples(user: Int32Array, item: Int32Array, value: Float32Array, rng: Rng): void {
  const draws = new Float64Array(Math.min(SHUFFLE_DRAW_BLOCK, Math.max(user.length - 1, 0)));
  let next = draws.length;
  for (let a = user.length - 1; a > 0; a--) {
    if (next === draws.length) {
      rng.fill(draws.length <= a ? draws : draws.subarray(0, a));
      next = 0;
    }
    const b = Math.floor(draws[next++] * (a + 1));
    const u = user[a];
    user[a] = user[b];
    user[b] = u;
    const i = item[a];
    item[a] = item[b];
    item[b] = i;
    const v = value[a];
    value[a] = value[b];
    value[b] = v;
  }
}

function checkRatings(ratings: Ratings, userCount: number, itemCount: number): void {
  const { user, item, value } = ratings;
  if (user.length !== value.length || item.length !== value.length) {
    throw new ConfigError(
      `ratings arrays differ in length: user ${user.length}, item ${item.length}, value ${value.length}`,
    );
  }
  for (let r = 0; r < value.length; r++) {
    if (!(user[r] >= 0 && user[r] < userCount)) {
      throw new ConfigError(`rating ${r}: user index ${user[r]} outside [0, ${userCount})`);
    }
    if (!(item[r] >= 0 && item[r] < itemCount)) {
      throw new ConfigError(`rating ${r}: item index ${item[r]} outside [0, ${itemCount})`);
    }
    if (!Number.isFinite(value[r])) {
      throw new ConfigError(`rating ${r}: value ${value[r]} is not a finite number`);
    }
  }
}

function meanSquare(values: Float32Array): number {
  let sum = 0;
  for (let r = 0; r < values.length; r++) sum += values[r] * values[r];
  return values.length === 0 ? 0 : sum / values.length;
}

function requireInteger(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) {
    throw new ConfigError(`PMF ${name} must be an integer >= ${min}, got ${value}`);
  }
}

function requireFinite(
  name: string,
  value: number,
  ok: (v: number) => boolean,
  rule: string,
): void {
  if (typeof value !== "number" || !Number.isFinite(value) || !ok(value)) {
    throw new ConfigError(`PMF ${name} must be a finite number ${rule}, got ${value}`);
  }
}
