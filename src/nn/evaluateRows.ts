/**
 * Loss and per-output accuracy of the network on a set of rows with dropout off: what the
 * training history records for the training and validation users after each epoch.
 */

import type { BackpropWorkspace } from "./backprop.js";
import { bceFromLogit } from "./loss.js";
import type { Mlp } from "./mlp.js";

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
  const { inputSize, hiddenSize, outputSize, w1, b1, w2, b2 } = net;
  const { hidden } = workspace;
  accuracyOut.fill(0);
  let loss = 0;
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r];
    const base = i * inputSize;
    for (let h = 0; h < hiddenSize; h++) {
      let s = b1[h];
      const row = h * inputSize;
      for (let j = 0; j < inputSize; j++) s += w1[row + j] * x[base + j];
      hidden[h] = Math.max(s, 0);
    }
    for (let o = 0; o < outputSize; o++) {
      let z = b2[o];
      const row = o * hiddenSize;
      for (let h = 0; h < hiddenSize; h++) z += w2[row + h] * hidden[h];
      const t = targets[o][i];
      loss += bceFromLogit(z, t);
      if (z > 0 === (t === 1)) accuracyOut[o]++;
    }
  }
  for (let o = 0; o < outputSize; o++) accuracyOut[o] /= rows.length;
  return loss / (rows.length * outputSize);
}
