/**
 * Training of the MLN (paper §3): K inputs → Dense(hidden, ReLU) → Dropout → Dense(outputs,
 * sigmoid), one sigmoid per binary attribute, binary cross-entropy averaged over outputs and
 * batch, RMSprop, mini-batches of 32 reshuffled every epoch, early stopping on the
 * validation loss. Deterministic: the same seed gives byte-identical weights.
 */

import { ConfigError, TrainingError } from "../errors.js";
import { withDefaults } from "../util/defaults.js";
import type { Rng } from "../util/rng.js";
import { shuffleInPlace } from "../util/rng.js";
import { batchLossAndGradient, createBackpropWorkspace, createGradient } from "./backprop.js";
import { sampleDropoutMask } from "./dropout.js";
import { evaluateRows, scoreLogits } from "./evaluateRows.js";
import { initializeMlp } from "./initialize.js";
import {
  applyInputScaling,
  fitInputScaling,
  foldInputScaling,
  type InputScaling,
} from "./inputScaling.js";
import { type Mlp, sigmoid } from "./mlp.js";
import { createRmspropState, rmspropStep } from "./rmsprop.js";
import { type KernelSession, mlnKernel, openKernelSession } from "./wasmKernel.js";

/** Hyper-parameters of {@link fitClassifier}. */
export interface ClassifierConfig {
  /** Hidden units (paper: 10 for MovieLens, 20 for MyAnimeList). */
  readonly hiddenSize: number;
  /** Dropout rate after the hidden layer, training only (paper: 0.3). */
  readonly dropout: number;
  /** RMSprop step size (Keras default 1e-3). */
  readonly learningRate: number;
  /** RMSprop decay of the squared-gradient average (Keras default 0.9). */
  readonly rho: number;
  /** RMSprop ε (Keras default 1e-7). */
  readonly epsilon: number;
  /** Mini-batch size (Keras default 32); the last batch of an epoch may be smaller. */
  readonly batchSize: number;
  /** Maximum number of epochs. */
  readonly epochs: number;
  /**
   * Stop when the validation loss has not improved for `patience` epochs. Ignored (the run
   * goes the full `epochs`) when the validation set is empty.
   */
  readonly earlyStopping: boolean;
  /** Epochs without a validation-loss improvement before stopping. */
  readonly patience: number;
  /**
   * Return the weights of the epoch with the lowest validation loss rather than those of
   * the last epoch (Keras `restore_best_weights`). Needs a non-empty validation set.
   */
  readonly restoreBestWeights: boolean;
  /** Standardize inputs with train-row mean and std, folded back into the returned net. */
  readonly standardize: boolean;
  /**
   * Measure loss and accuracy on the training rows after every epoch (the history of Fig. 9).
   * Experiments that only need the fitted net turn it off: it is a third of an epoch's cost.
   * When off, the history's train figures are NaN and divergence is detected on the
   * validation loss.
   */
  readonly trackTrainingMetrics: boolean;
  /**
   * Who does the arithmetic of an epoch: the WebAssembly kernel (`wasmKernel.ts`, about 2–4×
   * faster) or the TypeScript reference (`backprop.ts`, `rmsprop.ts`, `evaluateRows.ts`).
   * Both give bit-identical nets and histories. "wasm" falls back to "js" on a host without
   * WebAssembly SIMD.
   */
  readonly kernel: "wasm" | "js";
}

/**
 * Defaults. Architecture and optimizer are the paper's (Keras defaults for RMSprop and the
 * batch size). The paper does not say how long it trained, so stopping is our choice: at
 * most 500 epochs, stopped after 20 epochs without a validation-loss improvement, best
 * weights restored. On planted data with 700 training rows in R^20 the validation loss
 * bottoms out after 220–310 epochs (RMSprop at lr 1e-3 is slow), while in R^100 with weak
 * signal it does so after ~35; a generous cap with early stopping serves both, and
 * patience 20 tolerates the noise of a ~94-user validation set. Inputs are standardized
 * because PMF factors are not (the scaling is folded back, see `inputScaling.ts`).
 */
export const DEFAULT_CLASSIFIER_CONFIG: ClassifierConfig = Object.freeze({
  hiddenSize: 10,
  dropout: 0.3,
  learningRate: 1e-3,
  rho: 0.9,
  epsilon: 1e-7,
  batchSize: 32,
  epochs: 500,
  earlyStopping: true,
  patience: 20,
  restoreBestWeights: true,
  standardize: true,
  trackTrainingMetrics: true,
  kernel: "wasm",
});

/**
 * One epoch of training history (paper Fig. 9). Losses and accuracies are measured after
 * the epoch with dropout off on the whole training and validation sets — unlike Keras,
 * whose training figures are running averages over the epoch's batches with dropout on —
 * so the two curves are comparable.
 */
export interface EpochRecord {
  /** 1-based epoch number. */
  readonly epoch: number;
  /** Mean BCE over outputs and training rows. */
  readonly trainLoss: number;
  /** Per-output accuracy on the training rows. */
  readonly trainAccuracy: number[];
  /** Mean BCE over outputs and validation rows; NaN without validation rows. */
  readonly validationLoss: number;
  /** Per-output accuracy on the validation rows; NaN without validation rows. */
  readonly validationAccuracy: number[];
}

/** What {@link fitClassifier} returns. */
export interface FitClassifierResult {
  /** The trained network, taking RAW inputs (any standardization is folded in). */
  readonly net: Mlp;
  /** One record per epoch run. */
  readonly history: EpochRecord[];
  /**
   * 1-based epoch whose weights were returned: the lowest validation loss when best
   * weights are restored, else the last epoch run.
   */
  readonly bestEpoch: number;
  /** The train-row scaling that was folded into `net`, or null when not standardizing. */
  readonly inputScaling: InputScaling | null;
}

function resolveConfig(config: Partial<ClassifierConfig> | undefined): ClassifierConfig {
  const c = withDefaults(DEFAULT_CLASSIFIER_CONFIG, config);
  const positiveInt = (name: keyof ClassifierConfig, value: number): void => {
    if (!Number.isInteger(value) || value < 1) {
      throw new ConfigError(`classifier ${name} must be a positive integer, got ${value}`);
    }
  };
  positiveInt("hiddenSize", c.hiddenSize);
  positiveInt("batchSize", c.batchSize);
  positiveInt("epochs", c.epochs);
  if (!Number.isInteger(c.patience) || c.patience < 0) {
    throw new ConfigError(`classifier patience must be a non-negative integer, got ${c.patience}`);
  }
  if (!(c.dropout >= 0 && c.dropout < 1)) {
    throw new ConfigError(`classifier dropout must be in [0, 1), got ${c.dropout}`);
  }
  if (!(c.learningRate > 0)) {
    throw new ConfigError(`classifier learningRate must be positive, got ${c.learningRate}`);
  }
  if (!(c.rho >= 0 && c.rho < 1)) {
    throw new ConfigError(`classifier rho must be in [0, 1), got ${c.rho}`);
  }
  // ε = 0 would make a parameter whose gradient is still exactly 0 (a dead hidden unit's
  // weights) step by 0/0 = NaN, reported later as a misleading "diverged".
  if (!(c.epsilon > 0)) {
    throw new ConfigError(`classifier epsilon must be positive, got ${c.epsilon}`);
  }
  if (c.kernel !== "wasm" && c.kernel !== "js") {
    throw new ConfigError(`classifier kernel must be "wasm" or "js", got ${c.kernel}`);
  }
  return c;
}

function checkRows(rows: Int32Array, n: number, name: string): void {
  for (let r = 0; r < rows.length; r++) {
    if (!(rows[r] >= 0 && rows[r] < n)) {
      throw new ConfigError(`${name} row ${rows[r]} is outside 0..${n - 1}`);
    }
  }
}

function diverged(epoch: number, loss: number): TrainingError {
  return new TrainingError(
    `classifier training diverged at epoch ${epoch} (loss ${loss}); ` +
      "try a smaller learning rate or standardized inputs",
  );
}

function copyInto(target: Mlp, source: Mlp): void {
  target.w1.set(source.w1);
  target.b1.set(source.b1);
  target.w2.set(source.w2);
  target.b2.set(source.b2);
}

/** The per-epoch arithmetic of {@link fitClassifier}, in TypeScript or in WebAssembly. */
interface EpochRunner {
  /** Shuffles the training order, draws the dropout masks and runs one epoch of batches. */
  trainEpoch(): void;
  /** {@link evaluateRows} of the current weights on `rows`. */
  evaluate(rows: Int32Array, accuracyOut: Float64Array): number;
  /** Copies the current weights into `target`. */
  saveWeights(target: Mlp): void;
  /** Frees what the runner holds (the thread's kernel memory). */
  release(): void;
}

/** The TypeScript reference: batchLossAndGradient and rmspropStep per batch on `net`. */
function jsRunner(
  net: Mlp,
  xs: Float64Array,
  targets: Uint8Array[],
  train: Int32Array,
  c: ClassifierConfig,
  shuffleRng: Rng,
  dropoutRng: Rng,
): EpochRunner {
  const gradient = createGradient(net);
  const optimizerState = createRmspropState(net);
  const workspace = createBackpropWorkspace(net);
  const mask = c.dropout > 0 ? new Float64Array(c.batchSize * c.hiddenSize) : undefined;
  const order = Int32Array.from(train);
  return {
    trainEpoch(): void {
      shuffleInPlace(order, shuffleRng);
      for (let start = 0; start < order.length; start += c.batchSize) {
        const end = Math.min(start + c.batchSize, order.length);
        if (mask !== undefined) {
          sampleDropoutMask(mask.subarray(0, (end - start) * c.hiddenSize), c.dropout, dropoutRng);
        }
        batchLossAndGradient(net, xs, targets, order, start, end, mask, gradient, workspace);
        rmspropStep(net, gradient, optimizerState, c);
      }
    },
    evaluate: (rows, accuracyOut) => evaluateRows(net, xs, targets, rows, workspace, accuracyOut),
    saveWeights: (target) => copyInto(target, net),
    release(): void {},
  };
}

/** Whether this thread's kernel memory holds a fit in progress (a fit run from onEpoch). */
let kernelBusy = false;

/**
 * The WebAssembly kernel: the same arithmetic bit for bit. JS still makes every random draw,
 * in the same order (the epoch's batch masks are drawn back to back, which is the order the
 * reference draws them in); the kernel runs the epoch's batches and the forward passes of the
 * evaluation, JS scores the logits. Null when the kernel is unavailable or busy.
 */
function wasmRunner(
  net: Mlp,
  xs: Float64Array,
  targets: Uint8Array[],
  train: Int32Array,
  c: ClassifierConfig,
  shuffleRng: Rng,
  dropoutRng: Rng,
): EpochRunner | null {
  const kernel = mlnKernel();
  if (kernel === null || kernelBusy) return null;
  kernelBusy = true;
  let session: KernelSession;
  try {
    session = openKernelSession(kernel, {
      inputSize: net.inputSize,
      hiddenSize: net.hiddenSize,
      outputSize: net.outputSize,
      x: xs,
      targets,
      trainCount: train.length,
      batchSize: c.batchSize,
      dropout: c.dropout > 0,
      learningRate: c.learningRate,
      rho: c.rho,
      epsilon: c.epsilon,
    });
  } catch (error) {
    kernelBusy = false;
    throw error;
  }
  session.w1.set(net.w1);
  session.b1.set(net.b1);
  session.w2.set(net.w2);
  session.b2.set(net.b2);
  session.order.set(train);
  const { order, mask, batchOut, orderPtr } = session;
  const { outputSize, hiddenSize } = net;
  return {
    trainEpoch(): void {
      shuffleInPlace(order, shuffleRng);
      if (mask !== null) sampleDropoutMask(mask, c.dropout, dropoutRng);
      for (let start = 0; start < order.length; start += c.batchSize) {
        const end = Math.min(start + c.batchSize, order.length);
        const batchMask = mask === null ? 0 : session.maskPtr + start * hiddenSize * 8;
        kernel.forwardBatch(orderPtr, start, end, batchMask);
        // ∂L/∂z as batchLossAndGradient computes it, with the same Math.exp.
        const scale = 1 / ((end - start) * outputSize);
        for (let r = start, k = 0; r < end; r++) {
          const i = order[r];
          for (let o = 0; o < outputSize; o++, k++) {
            batchOut[k] = (sigmoid(batchOut[k]) - targets[o][i]) * scale;
          }
        }
        kernel.backwardBatch(orderPtr, start, end, batchMask);
      }
    },
    evaluate(rows, accuracyOut): number {
      session.rows.set(rows);
      kernel.forwardRows(session.rowsPtr, rows.length, session.logitsPtr);
      return scoreLogits(session.logits, net.outputSize, targets, rows, accuracyOut);
    },
    saveWeights(target): void {
      target.w1.set(session.w1);
      target.b1.set(session.b1);
      target.w2.set(session.w2);
      target.b2.set(session.b2);
    },
    release(): void {
      kernelBusy = false;
    },
  };
}

/**
 * Trains the MLN on `x` (n × inputSize row-major, n = `targets[0].length`) to predict each
 * 0/1 target array in `targets` (one sigmoid output per array). Only `split.train` rows
 * update the weights; `split.validation` rows drive early stopping and the history.
 * Randomness (weights, batch order, dropout) comes from named forks of `rng`, so the same
 * seed gives byte-identical weights. `onEpoch` is called after every epoch (for progress).
 * Throws {@link ConfigError} for invalid hyper-parameters and {@link TrainingError} if the
 * loss stops being finite.
 */
export function fitClassifier(
  x: Float32Array | Float64Array,
  targets: Uint8Array[],
  split: { train: Int32Array; validation: Int32Array },
  config: Partial<ClassifierConfig> | undefined,
  rng: Rng,
  onEpoch?: (record: EpochRecord) => void,
): FitClassifierResult {
  const c = resolveConfig(config);
  if (targets.length === 0) throw new ConfigError("fitClassifier needs at least one target");
  const n = targets[0].length;
  for (const t of targets) {
    if (t.length !== n) throw new ConfigError("every target array must have the same length");
  }
  if (n === 0 || x.length % n !== 0) {
    throw new ConfigError(`x has length ${x.length}, not a multiple of ${n} rows`);
  }
  const inputSize = x.length / n;
  if (split.train.length === 0) throw new ConfigError("fitClassifier needs training rows");
  checkRows(split.train, n, "train");
  checkRows(split.validation, n, "validation");

  const outputSize = targets.length;
  const inputScaling = c.standardize ? fitInputScaling(x, inputSize, split.train) : null;
  const xs =
    inputScaling !== null
      ? applyInputScaling(x, inputSize, inputScaling)
      : x instanceof Float64Array
        ? x
        : Float64Array.from(x);

  const net = initializeMlp(inputSize, c.hiddenSize, outputSize, rng.fork("mlp-init"));
  const shuffleRng = rng.fork("mlp-shuffle");
  const dropoutRng = rng.fork("mlp-dropout");
  const accuracy = new Float64Array(outputSize);
  const best = createGradient(net);
  const hasValidation = split.validation.length > 0;
  const runner =
    c.kernel === "wasm"
      ? wasmRunner(net, xs, targets, split.train, c, shuffleRng, dropoutRng)
      : null;
  const epochs = runner ?? jsRunner(net, xs, targets, split.train, c, shuffleRng, dropoutRng);

  const history: EpochRecord[] = [];
  let bestLoss = Number.POSITIVE_INFINITY;
  let bestEpoch = 0;
  let sinceBest = 0;
  try {
    for (let epoch = 1; epoch <= c.epochs; epoch++) {
      epochs.trainEpoch();

      const measureTrain = c.trackTrainingMetrics || !hasValidation;
      const trainLoss = measureTrain ? epochs.evaluate(split.train, accuracy) : Number.NaN;
      const trainAccuracy = measureTrain
        ? Array.from(accuracy)
        : new Array<number>(outputSize).fill(Number.NaN);
      if (measureTrain && !Number.isFinite(trainLoss)) throw diverged(epoch, trainLoss);
      const validationLoss = hasValidation
        ? epochs.evaluate(split.validation, accuracy)
        : Number.NaN;
      const validationAccuracy = hasValidation
        ? Array.from(accuracy)
        : new Array<number>(outputSize).fill(Number.NaN);
      if (!measureTrain && !Number.isFinite(validationLoss)) throw diverged(epoch, validationLoss);
      const record: EpochRecord = {
        epoch,
        trainLoss,
        trainAccuracy,
        validationLoss,
        validationAccuracy,
      };
      history.push(record);
      onEpoch?.(record);

      if (!hasValidation) continue;
      if (validationLoss < bestLoss) {
        bestLoss = validationLoss;
        bestEpoch = epoch;
        sinceBest = 0;
        if (c.restoreBestWeights) epochs.saveWeights(best);
      } else if (c.earlyStopping && ++sinceBest >= c.patience) {
        break;
      }
    }
    if (runner !== null) runner.saveWeights(net);
  } finally {
    epochs.release();
  }

  const restore = hasValidation && c.restoreBestWeights && bestEpoch > 0;
  if (restore) copyInto(net, best);
  const returnedEpoch = restore ? bestEpoch : history.length;
  return {
    net: inputScaling !== null ? foldInputScaling(net, inputScaling) : net,
    history,
    bestEpoch: returnedEpoch,
    inputScaling,
  };
}
