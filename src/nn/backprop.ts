/**
 * Loss and parameter gradients of the MLN for one mini-batch (forward and backward pass),
 * with an optional dropout mask on the hidden layer. Everything is written into
 * preallocated buffers so the training loop allocates nothing per sample.
 *
 * With a = ReLU(W1·x + b1), ã = a ⊙ m (dropout mask m), z = W2·ã + b2 and loss
 * L = (1/(B·O)) Σ_batch Σ_o BCE(z_o, t_o):
 *   ∂L/∂z_o = (σ(z_o) − t_o)/(B·O),  ∂L/∂W2[o,h] = Σ ∂L/∂z_o·ã_h,
 *   ∂L/∂pre_h = 1[pre_h > 0]·m_h·Σ_o ∂L/∂z_o·W2[o,h],  ∂L/∂W1[h,j] = Σ ∂L/∂pre_h·x_j.
 */

import { bceFromLogit } from "./loss.js";
import { createMlp, type Mlp, sigmoid } from "./mlp.js";

/** Scratch buffers for {@link batchLossAndGradient}, sized for one network. */
export interface BackpropWorkspace {
  /** Post-ReLU, post-dropout hidden activations of the current sample (hiddenSize). */
  readonly hidden: Float64Array;
  /** Output logits of the current sample (outputSize). */
  readonly logits: Float64Array;
  /** ∂L/∂z of the current sample (outputSize). */
  readonly outputDelta: Float64Array;
}

/** Allocates the scratch buffers {@link batchLossAndGradient} needs for `net`. */
export function createBackpropWorkspace(net: Mlp): BackpropWorkspace {
  return {
    hidden: new Float64Array(net.hiddenSize),
    logits: new Float64Array(net.outputSize),
    outputDelta: new Float64Array(net.outputSize),
  };
}

/** An all-zero gradient buffer shaped like `net` (one entry per parameter). */
export function createGradient(net: Mlp): Mlp {
  return createMlp(net.inputSize, net.hiddenSize, net.outputSize);
}

/**
 * Mean binary cross-entropy over the outputs and the batch `rows[start..end)`, and its
 * gradient with respect to every parameter, written into `gradient` (overwritten).
 *
 * `x` is n × inputSize row-major; `targets[o][i]` is sample i's 0/1 target for output o.
 * `dropoutMask`, when given, holds (end − start) × hiddenSize multipliers applied to the
 * post-ReLU activations of the batch's samples in order (see `sampleDropoutMask`); without
 * it dropout is off. Returns the loss.
 */
export function batchLossAndGradient(
  net: Mlp,
  x: Float64Array,
  targets: readonly Uint8Array[],
  rows: Int32Array,
  start: number,
  end: number,
  dropoutMask: Float64Array | undefined,
  gradient: Mlp,
  workspace: BackpropWorkspace,
): number {
  const { inputSize, hiddenSize, outputSize, w1, b1, w2, b2 } = net;
  const { hidden, logits, outputDelta } = workspace;
  gradient.w1.fill(0);
  gradient.b1.fill(0);
  gradient.w2.fill(0);
  gradient.b2.fill(0);
  const gw1 = gradient.w1;
  const gb1 = gradient.b1;
  const gw2 = gradient.w2;
  const gb2 = gradient.b2;
  const scale = 1 / ((end - start) * outputSize);
  let loss = 0;

  for (let r = start; r < end; r++) {
    const base = rows[r] * inputSize;
    const maskBase = (r - start) * hiddenSize;
    for (let h = 0; h < hiddenSize; h++) {
      const keep = dropoutMask === undefined ? 1 : dropoutMask[maskBase + h];
      // A dropped unit contributes nothing forward or backward: skip its dot product.
      if (keep === 0) {
        hidden[h] = 0;
        continue;
      }
      const row = h * inputSize;
      // Four partial sums break the dependency chain of one accumulator (about 1.4× here).
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let j = 0;
      for (; j + 3 < inputSize; j += 4) {
        s0 += w1[row + j] * x[base + j];
        s1 += w1[row + j + 1] * x[base + j + 1];
        s2 += w1[row + j + 2] * x[base + j + 2];
        s3 += w1[row + j + 3] * x[base + j + 3];
      }
      for (; j < inputSize; j++) s0 += w1[row + j] * x[base + j];
      const a = Math.max(b1[h] + (s0 + s1) + (s2 + s3), 0);
      hidden[h] = a * keep;
    }
    for (let o = 0; o < outputSize; o++) {
      let z = b2[o];
      const row = o * hiddenSize;
      for (let h = 0; h < hiddenSize; h++) z += w2[row + h] * hidden[h];
      logits[o] = z;
      const t = targets[o][rows[r]];
      loss += bceFromLogit(z, t);
      const delta = (sigmoid(z) - t) * scale;
      outputDelta[o] = delta;
      gb2[o] += delta;
      for (let h = 0; h < hiddenSize; h++) gw2[row + h] += delta * hidden[h];
    }
    for (let h = 0; h < hiddenSize; h++) {
      // hidden[h] > 0 iff the ReLU was active and dropout kept the unit; otherwise no
      // gradient flows back through it.
      if (hidden[h] <= 0) continue;
      let back = 0;
      for (let o = 0; o < outputSize; o++) back += outputDelta[o] * w2[o * hiddenSize + h];
      if (dropoutMask !== undefined) back *= dropoutMask[maskBase + h];
      gb1[h] += back;
      const row = h * inputSize;
      let j = 0;
      for (; j + 3 < inputSize; j += 4) {
        gw1[row + j] += back * x[base + j];
        gw1[row + j + 1] += back * x[base + j + 1];
        gw1[row + j + 2] += back * x[base + j + 2];
        gw1[row + j + 3] += back * x[base + j + 3];
      }
      for (; j < inputSize; j++) gw1[row + j] += back * x[base + j];
    }
  }
  return loss * scale;
}
