/**
 * Binary cross-entropy, the MLN's loss (paper §3): one sigmoid output per binary attribute,
 * averaged over outputs and samples as Keras' `binary_crossentropy` does.
 */

/**
 * BCE of one sigmoid output given its logit z and target t ∈ {0, 1}:
 * −t·log σ(z) − (1−t)·log(1−σ(z)) = max(z, 0) − z·t + log(1 + e^−|z|). Computing it from the
 * logit never takes the log of 0, so it stays finite for saturated outputs.
 */
export function bceFromLogit(z: number, t: number): number {
  return Math.max(z, 0) - z * t + Math.log1p(Math.exp(-Math.abs(z)));
}

/**
 * Mean BCE of predicted probabilities against 0/1 labels. Probabilities are clipped to
 * [ε, 1−ε] with ε = 1e-7, as Keras does, so a confident wrong answer costs about 16.1 rather
 * than infinity. NaN for an empty set.
 */
export function bceLoss(labels: Uint8Array, probabilities: Float64Array, epsilon = 1e-7): number {
  if (labels.length !== probabilities.length) {
    throw new RangeError(
      `labels has length ${labels.length} but probabilities has ${probabilities.length}`,
    );
  }
  let sum = 0;
  for (let i = 0; i < labels.length; i++) {
    const p = Math.min(1 - epsilon, Math.max(epsilon, probabilities[i]));
    sum -= labels[i] === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return sum / labels.length;
}
