/**
 * One interface for the classifiers of the paper's E3 (logistic regression, SVMs, random
 * forest) and the MLN, so an experiment can fit any of them on the same features and split
 * and score them with the same metrics.
 */

import { ConfigError } from "../../errors.js";
import { gather } from "../../util/columns.js";
import type { Rng } from "../../util/rng.js";
import type { ClassifierName } from "../experiments/types.js";
import { type BinaryClassificationReport, binaryClassificationReport } from "../metrics.js";

/** The features, labels and user split one classifier is fitted and scored on. */
export interface ClassifierData {
  /** users × width, row-major; rows not named by the split are ignored. */
  readonly x: Float64Array;
  /** Number of columns of `x`. */
  readonly width: number;
  /** One 0/1 label per row of `x` (1 = the majority group by the project's convention). */
  readonly labels: Uint8Array;
  /** Rows the classifier learns from. */
  readonly train: Int32Array;
  /** Rows for early stopping, used only by methods that stop early (the MLN). */
  readonly validation: Int32Array;
  /** Rows scored by {@link BinaryClassifier.fitScore}. */
  readonly test: Int32Array;
}

/**
 * A binary classifier behind the experiments' common interface. Fitting is synchronous:
 * anything that must load asynchronously (libsvm's WebAssembly) is loaded once by the
 * factory that builds the classifier (see `createClassifiers`).
 */
export interface BinaryClassifier {
  /** Which method this is, as named in `results.json`. */
  readonly name: ClassifierName;
  /**
   * A test row is predicted class 1 when its score is strictly above this: 0.5 for
   * probabilities, 0 for SVM decision values.
   */
  readonly threshold: number;
  /**
   * True when the fit's cost grows faster than linearly in the training rows (kernel
   * methods, fully grown random forests); the experiments cap the rows such a method learns
   * from (`maxSuperLinearTrainUsers`).
   */
  readonly superLinear?: boolean;
  /**
   * Fits on `data.train` (and `data.validation` where the method uses it) and returns one
   * score per row of `data.test`, in that order: higher = more likely class 1. Probabilities
   * where the method has them, decision values otherwise (the AUC needs only the order).
   * Randomness comes from `rng` only, so the same seed gives the same scores.
   */
  fitScore(data: ClassifierData, rng: Rng): Float64Array;
}

/**
 * Checks the shape of `data` and that the training rows hold both classes; throws
 * {@link ConfigError} otherwise. A one-class training set has no decision boundary: libsvm
 * would silently answer that class for every user and the forest would be a constant.
 */
export function checkClassifierData(data: ClassifierData): void {
  const { x, width, labels } = data;
  const n = labels.length;
  if (!Number.isInteger(width) || width < 1) {
    throw new ConfigError(`classifier width must be a positive integer, got ${width}`);
  }
  if (x.length !== n * width) {
    throw new ConfigError(
      `classifier features have length ${x.length}, expected ${n} rows × ${width} = ${n * width}`,
    );
  }
  const check = (rows: Int32Array, what: string): void => {
    for (let r = 0; r < rows.length; r++) {
      if (!(rows[r] >= 0 && rows[r] < n)) {
        throw new ConfigError(`${what} row ${rows[r]} is outside 0..${n - 1}`);
      }
    }
  };
  check(data.train, "train");
  check(data.validation, "validation");
  check(data.test, "test");
  let positives = 0;
  for (let r = 0; r < data.train.length; r++) positives += labels[data.train[r]];
  if (positives === 0 || positives === data.train.length) {
    throw new ConfigError(
      `the ${data.train.length} training rows hold only class ${positives === 0 ? 0 : 1}; ` +
        "a classifier needs both classes",
    );
  }
}

/**
 * The metrics of `scores` (as returned by `classifier.fitScore(data, …)`) on the test rows,
 * thresholded at the classifier's own threshold, with the majority floor from the training
 * labels.
 */
export function classifierReport(
  classifier: BinaryClassifier,
  data: ClassifierData,
  scores: Float64Array,
): BinaryClassificationReport {
  return binaryClassificationReport(
    gather(data.labels, data.test),
    scores,
    gather(data.labels, data.train),
    classifier.threshold,
  );
}
