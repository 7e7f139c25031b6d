/**
 * Test fixtures: a hand-built MLN and a minimal local trainer (full-batch Adam on binary
 * cross-entropy) for planted data where the label depends on x0 − x1 only. Deliberately
 * independent of src/nn/fitClassifier.ts, which is written concurrently.
 */

import { createMlp, forwardOne, type Mlp, sigmoid } from "../../src/nn/mlp.js";
import { createRng, type Rng } from "../../src/util/rng.js";

/**
 * 8 inputs, 3 hidden units, 1 output. Units 0 and 1 read x0 − x1 and x1 − x0 (the planted
 * factors, strong weights); unit 2 reads x2..x7 weakly. z = 2a0 − 2a1 + 0.5a2 + 0.85.
 * `hiddenBias` is the bias of every hidden unit (≤ 0 puts p = 0 in the ReLU dead zone).
 */
export function handBuiltNet(hiddenBias = 0.1, inputScale = 1): Mlp {
  const net = createMlp(8, 3, 1);
  net.w1[0 * 8 + 0] = inputScale;
  net.w1[0 * 8 + 1] = -inputScale;
  net.w1[1 * 8 + 0] = -inputScale;
  net.w1[1 * 8 + 1] = inputScale;
  const weak = [0.05, -0.03, 0.04, -0.05, 0.02, 0.03];
  for (let j = 2; j < 8; j++) net.w1[2 * 8 + j] = weak[j - 2] * inputScale;
  net.b1.fill(hiddenBias);
  net.w2[0] = 2;
  net.w2[1] = -2;
  net.w2[2] = 0.5;
  net.b2[0] = 0.85;
  return net;
}

/**
 * Planted data: x ~ N(0, 1)^d, label 1 iff x0 − x1 + ε > −0.5 with ε ~ N(0, 1): about 61 %
 * majority, and P(y = 1 | x = 0) ≈ 0.69, so a calibrated net is far from saturated at p = 0
 * (like a real, weak demographic classifier) and the localization has to move.
 */
export function plantedData(n: number, d: number, rng: Rng): { x: Float64Array; y: Float64Array } {
  const x = new Float64Array(n * d);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) x[i * d + j] = rng.normal();
    y[i] = x[i * d] - x[i * d + 1] + rng.normal() > -0.5 ? 1 : 0;
  }
  return { x, y };
}

/**
 * Trains a d → hidden → 1 ReLU/sigmoid net on planted data: Glorot-uniform weights, zero
 * biases (Keras' defaults), full-batch Adam on mean BCE plus a small L2 on w1.
 */
export function trainPlantedNet(
  d: number,
  hidden: number,
  seed: number,
  options: { n?: number; epochs?: number; lr?: number; l2?: number } = {},
): { net: Mlp; x: Float64Array; y: Float64Array; accuracy: number } {
  const n = options.n ?? 600;
  const epochs = options.epochs ?? 400;
  const lr = options.lr ?? 0.02;
  const l2 = options.l2 ?? 1e-3;
  const rng = createRng(seed);
  const { x, y } = plantedData(n, d, rng.fork("data"));
  const net = createMlp(d, hidden, 1);
  const init = rng.fork("init");
  const lim1 = Math.sqrt(6 / (d + hidden));
  for (let i = 0; i < net.w1.length; i++) net.w1[i] = init.uniform(-lim1, lim1);
  const lim2 = Math.sqrt(6 / (hidden + 1));
  for (let i = 0; i < net.w2.length; i++) net.w2[i] = init.uniform(-lim2, lim2);

  const params = [net.w1, net.b1, net.w2, net.b2];
  const grads = params.map((p) => new Float64Array(p.length));
  const m = params.map((p) => new Float64Array(p.length));
  const v = params.map((p) => new Float64Array(p.length));
  const a = new Float64Array(hidden);
  const logits = new Float64Array(1);
  const row = new Float64Array(d);
  for (let epoch = 1; epoch <= epochs; epoch++) {
    for (const g of grads) g.fill(0);
    const [gw1, gb1, gw2, gb2] = grads;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < d; j++) row[j] = x[i * d + j];
      forwardOne(net, row, a, logits);
      const delta = (sigmoid(logits[0]) - y[i]) / n;
      gb2[0] += delta;
      for (let h = 0; h < hidden; h++) {
        gw2[h] += delta * a[h];
        if (a[h] <= 0) continue;
        const dh = delta * net.w2[h];
        gb1[h] += dh;
        for (let j = 0; j < d; j++) gw1[h * d + j] += dh * row[j];
      }
    }
    for (let i = 0; i < net.w1.length; i++) gw1[i] += l2 * net.w1[i];
    for (let p = 0; p < params.length; p++) {
      const w = params[p];
      for (let i = 0; i < w.length; i++) {
        m[p][i] = 0.9 * m[p][i] + 0.1 * grads[p][i];
        v[p][i] = 0.999 * v[p][i] + 0.001 * grads[p][i] * grads[p][i];
        const mh = m[p][i] / (1 - 0.9 ** epoch);
        const vh = v[p][i] / (1 - 0.999 ** epoch);
        w[i] -= (lr * mh) / (Math.sqrt(vh) + 1e-8);
      }
    }
  }
  let correct = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) row[j] = x[i * d + j];
    forwardOne(net, row, a, logits);
    if (logits[0] > 0 === (y[i] === 1)) correct++;
  }
  return { net, x, y, accuracy: correct / n };
}

/** σ(z_0(p)) via the plain forward pass, independent of the localization code. */
export function scoreOf(net: Mlp, p: Float64Array): number {
  const a = new Float64Array(net.hiddenSize);
  const logits = new Float64Array(net.outputSize);
  forwardOne(net, p, a, logits);
  return sigmoid(logits[0]);
}
