/**
 * Binary classification metrics. Every accuracy this package prints stands beside the
 * majority-class floor, the balanced accuracy and the ROC AUC (DESIGN.md, honesty rules):
 * on ML-100K, 71% of users are male, so a plain accuracy of 0.74 says little on its own.
 *
 * Conventions shared by every function here: `labels` holds 0/1 (1 = the majority class by
 * the project's convention, though nothing here relies on that), `scores` holds predicted
 * probabilities of class 1, and a score counts as a positive prediction when it is strictly
 * greater than the threshold — the same rule as Keras' binary accuracy, so a sigmoid output
 * of exactly 0.5 (logit 0) is a negative prediction.
 */

/** Everything the tool prints about one binary classifier on one set of users. */
export interface BinaryClassificationReport {
  /** Number of evaluated samples. */
  readonly n: number;
  /** Fraction of correct predictions at the threshold. */
  readonly accuracy: number;
  /** Mean of the recall of class 1 and the recall of class 0 (see {@link balancedAccuracy}). */
  readonly balancedAccuracy: number;
  /** ROC AUC; NaN when only one class is present among the labels. */
  readonly auc: number;
  /** Accuracy of always predicting the training majority class (see {@link majorityFloor}). */
  readonly majorityFloor: number;
  /**
   * Fraction of samples predicted positive. Compare with {@link labelPositiveRate}: a
   * classifier that collapsed onto the majority class shows a rate near 0 or 1 here.
   */
  readonly positiveRate: number;
  /** Fraction of samples whose label is 1 (the base rate). */
  readonly labelPositiveRate: number;
}

function checkSameLength(labels: ArrayLike<number>, other: ArrayLike<number>, what: string): void {
  if (labels.length !== other.length) {
    throw new RangeError(`labels has length ${labels.length} but ${what} has ${other.length}`);
  }
}

/**
 * Fraction of samples where `scores[i] > threshold` agrees with `labels[i] === 1`.
 * NaN for an empty set.
 */
export function accuracy(labels: Uint8Array, scores: Float64Array, threshold = 0.5): number {
  const c = confusion(labels, scores, threshold);
  return (c.truePositives + c.trueNegatives) / labels.length;
}

/** Counts of the 2 × 2 confusion table at a threshold. */
interface Confusion {
  readonly positives: number;
  readonly truePositives: number;
  readonly negatives: number;
  readonly trueNegatives: number;
}

/** One pass over the samples shared by every thresholded metric, so they count alike. */
function confusion(labels: Uint8Array, scores: Float64Array, threshold: number): Confusion {
  checkSameLength(labels, scores, "scores");
  let positives = 0;
  let truePositives = 0;
  let negatives = 0;
  let trueNegatives = 0;
  for (let i = 0; i < labels.length; i++) {
    const predicted = scores[i] > threshold;
    if (labels[i] === 1) {
      positives++;
      if (predicted) truePositives++;
    } else {
      negatives++;
      if (!predicted) trueNegatives++;
    }
  }
  return { positives, truePositives, negatives, trueNegatives };
}

/**
 * Mean of the two per-class recalls (sensitivity and specificity). A constant predictor
 * scores 0.5 whatever the class balance. When one class is absent from `labels` its recall
 * is undefined, and the result is the recall of the class that is present (the behaviour
 * of scikit-learn's `balanced_accuracy_score`, which averages over the classes present).
 * NaN for an empty set.
 */
export function balancedAccuracy(
  labels: Uint8Array,
  scores: Float64Array,
  threshold = 0.5,
): number {
  const { positives, truePositives, negatives, trueNegatives } = confusion(
    labels,
    scores,
    threshold,
  );
  if (positives === 0 && negatives === 0) return Number.NaN;
  if (positives === 0) return trueNegatives / negatives;
  if (negatives === 0) return truePositives / positives;
  return (truePositives / positives + trueNegatives / negatives) / 2;
}

/**
 * Area under the ROC curve by the Mann–Whitney rank statistic: the probability that a
 * random positive scores above a random negative, ties counting one half (tied scores get
 * the average of their ranks). Returns NaN when either class is absent (the AUC is
 * undefined there) or when any score is NaN.
 */
export function rocAuc(labels: Uint8Array, scores: Float64Array): number {
  checkSameLength(labels, scores, "scores");
  const n = labels.length;
  let positives = 0;
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(scores[i])) return Number.NaN;
    if (labels[i] === 1) positives++;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;

  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => scores[a] - scores[b]);

  let positiveRankSum = 0;
  let start = 0;
  while (start < n) {
    let end = start + 1;
    while (end < n && scores[order[end]] === scores[order[start]]) end++;
    // Ranks are 1-based: the tied block start..end-1 shares the mean of ranks start+1..end.
    const meanRank = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) if (labels[order[k]] === 1) positiveRankSum += meanRank;
    start = end;
  }
  const u = positiveRankSum - (positives * (positives + 1)) / 2;
  return u / (positives * negatives);
}

/**
 * Accuracy of the trivial classifier that always predicts the most frequent class of
 * `trainLabels`, measured on `labels`. The class is taken from the training labels, not
 * from the evaluated ones, because that is the only choice a real predictor could make; on
 * a stratified split the two coincide. A tie in the training labels picks class 1 (the
 * project's majority-class convention). NaN for an empty `labels`.
 */
export function majorityFloor(labels: Uint8Array, trainLabels: Uint8Array): number {
  let trainPositives = 0;
  for (let i = 0; i < trainLabels.length; i++) if (trainLabels[i] === 1) trainPositives++;
  const majority = 2 * trainPositives >= trainLabels.length ? 1 : 0;
  let hits = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === majority) hits++;
  return hits / labels.length;
}

/**
 * All the numbers the tool prints for one binary output on one set of samples: accuracy,
 * balanced accuracy, AUC and the majority-class floor (taken from `trainLabels`, see
 * {@link majorityFloor}), plus predicted and actual positive rates.
 */
export function binaryClassificationReport(
  labels: Uint8Array,
  scores: Float64Array,
  trainLabels: Uint8Array,
  threshold = 0.5,
): BinaryClassificationReport {
  const c = confusion(labels, scores, threshold);
  const predictedPositives = c.truePositives + (c.negatives - c.trueNegatives);
  return {
    n: labels.length,
    accuracy: accuracy(labels, scores, threshold),
    balancedAccuracy: balancedAccuracy(labels, scores, threshold),
    auc: rocAuc(labels, scores),
    majorityFloor: majorityFloor(labels, trainLabels),
    positiveRate: predictedPositives / labels.length,
    labelPositiveRate: c.positives / labels.length,
  };
}
