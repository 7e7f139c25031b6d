import { initializeMlp } from "../../src/nn/initialize.js";
import type { Mlp } from "../../src/nn/mlp.js";
import { createRng } from "../../src/util/rng.js";

/** A random net with non-zero biases, so ReLU kinks are not all at the origin. */
export function randomNet(
  inputSize: number,
  hiddenSize: number,
  outputSize: number,
  seed = 1,
): Mlp {
  const rng = createRng(seed);
  const net = initializeMlp(inputSize, hiddenSize, outputSize, rng);
  for (let h = 0; h < hiddenSize; h++) net.b1[h] = rng.uniform(-0.3, 0.3);
  for (let o = 0; o < outputSize; o++) net.b2[o] = rng.uniform(-0.3, 0.3);
  return net;
}

/** n × size standard-normal rows. */
export function randomRows(n: number, size: number, seed = 2): Float64Array {
  const rng = createRng(seed);
  const x = new Float64Array(n * size);
  for (let i = 0; i < x.length; i++) x[i] = rng.normal();
  return x;
}

/** Smallest |pre-activation| of any hidden unit over the rows: distance to a ReLU kink. */
export function minKinkDistance(net: Mlp, x: Float64Array, n: number): number {
  let min = Number.POSITIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    for (let h = 0; h < net.hiddenSize; h++) {
      let s = net.b1[h];
      for (let j = 0; j < net.inputSize; j++)
        s += net.w1[h * net.inputSize + j] * x[i * net.inputSize + j];
      min = Math.min(min, Math.abs(s));
    }
  }
  return min;
}

/** Max over entries of |a − b| / max(|a|, |b|, floor): elementwise relative error. */
export function maxRelativeError(a: ArrayLike<number>, b: ArrayLike<number>, floor = 1e-7): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const denom = Math.max(Math.abs(a[i]), Math.abs(b[i]), floor);
    worst = Math.max(worst, Math.abs(a[i] - b[i]) / denom);
  }
  return worst;
}
