/**
 * Loss and per-output accuracy of the network on a set of rows with dropout off: what the
 * training history records for the training and validation users after each epoch.
 */

import type { BackpropWorkspace } from "./backprop.js";
import { bceFromLogit } from "./loss.js";
import { forwardOne, type Mlp } from "./mlp.js";

/**
 * Mean BCE over outputs and `rows` (dropout off), returned; `accuracyOut[o]` receives the
 * fraction of rows where output o's prediction (logit > 0, i.e. probability > 0.5, Keras'
 * binary-accuracy rule) matches the target. NaN loss and accuracies for empty `rows`.
 */
export function evaluateRows(
  net: Mlp,
  x: Float64Array,
  targets: readonly Uint8Array[],
  rows: Int32Array,
  workspace: BackpropWorkspace,
  accuracyOut: Float64Array,
): number {
  const { inputSize, outputSize } = net;
  const { hidden, logits } = workspace;
  accuracyOut.fill(0);
  let loss = 0;
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r];
    forwardOne(net, x, hidden, logits, i * inputSize);
    for (let o = 0; o < outputSize; o++) {
      const z = logits[o];
      const t = targets[o][i];
      loss += bceFromLogit(z, t);
      if (z > 0 === (t === 1)) accuracyOut[o]++;
    }
  }
  for (let o = 0; o < outputSize; o++) accuracyOut[o] /= rows.length;
  return loss / (rows.length * outputSize);
}

/**
 * The loss and accuracy part of {@link evaluateRows} given the rows' logits, already computed
 * (`logits[r * outputSize + o]` for row `rows[r]`), e.g. by the WebAssembly kernel: the same
 * sums in the same order, so the same bits.
 */
export function scoreLogits(
  logits: Float64Array,
  outputSize: number,
  targets: readonly Uint8Array[],
  rows: Int32Array,
  accuracyOut: Float64Array,
): number {
  accuracyOut.fill(0);
  let loss = 0;
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r];
    for (let o = 0; o < outputSize; o++) {
      const z = logits[r * outputSize + o];
      const t = targets[o][i];
      loss += bceFromLogit(z, t);
      if (z > 0 === (t === 1)) accuracyOut[o]++;
    }
  }
  for (let o = 0; o < outputSize; o++) accuracyOut[o] /= rows.length;
  return loss / (rows.length * outputSize);
}
