/**
 * Keras' default initialization for Dense layers: Glorot-uniform kernels, zero biases.
 * Matching it keeps the paper's training recipe (RMSprop at lr 1e-3, batch 32) in the regime
 * it was tuned for.
 */

import type { Rng } from "../util/rng.js";
import { createMlp, type Mlp } from "./mlp.js";

/**
 * Fills `out` with draws from U(−l, l), l = √(6 / (fanIn + fanOut)) (Glorot & Bengio 2010),
 * the variance-preserving range for a layer with those fan-in and fan-out.
 */
export function glorotUniform(fanIn: number, fanOut: number, out: Float64Array, rng: Rng): void {
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  for (let i = 0; i < out.length; i++) out[i] = rng.uniform(-limit, limit);
}

/**
 * A fresh network of the given shape with Glorot-uniform weights and zero biases. The
 * hidden layer's weights are drawn first, then the output layer's, all from `rng`.
 */
export function initializeMlp(
  inputSize: number,
  hiddenSize: number,
  outputSize: number,
  rng: Rng,
): Mlp {
  const net = createMlp(inputSize, hiddenSize, outputSize);
  glorotUniform(inputSize, hiddenSize, net.w1, rng);
  glorotUniform(hiddenSize, outputSize, net.w2, rng);
  return net;
}
