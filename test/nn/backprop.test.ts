import { describe, expect, it } from "vitest";
import {
  batchLossAndGradient,
  createBackpropWorkspace,
  createGradient,
} from "../../src/nn/backprop.js";
import { sampleDropoutMask } from "../../src/nn/dropout.js";
import { evaluateRows } from "../../src/nn/evaluateRows.js";
import { bceFromLogit, bceLoss } from "../../src/nn/loss.js";
import type { Mlp } from "../../src/nn/mlp.js";
import { predictProba } from "../../src/nn/mlp.js";
import { createRng } from "../../src/util/rng.js";
import { maxRelativeError, minKinkDistance, randomNet, randomRows } from "./helpers.js";

const K = 6;
const H = 5;
const O = 2;
const N = 9;
const x = randomRows(N, K, 11);
const rngT = createRng(12);
const targets = [0, 1].map(() => Uint8Array.from({ length: N }, () => (rngT.next() < 0.6 ? 1 : 0)));
// A batch that is a non-contiguous, repeated selection of rows, as after shuffling.
const rows = Int32Array.from([3, 0, 7, 7, 5, 1, 8]);
const start = 1;
const end = 7;

function loss(net: Mlp, mask: Float64Array | undefined): number {
  const g = createGradient(net);
  return batchLossAndGradient(
    net,
    x,
    targets,
    rows,
    start,
    end,
    mask,
    g,
    createBackpropWorkspace(net),
  );
}

function numericGradient(net: Mlp, mask: Float64Array | undefined): Mlp {
  const out = createGradient(net);
  const step = 1e-5;
  for (const key of ["w1", "b1", "w2", "b2"] as const) {
    const params = net[key];
    for (let i = 0; i < params.length; i++) {
      const saved = params[i];
      params[i] = saved + step;
      const up = loss(net, mask);
      params[i] = saved - step;
      const down = loss(net, mask);
      params[i] = saved;
      out[key][i] = (up - down) / (2 * step);
    }
  }
  return out;
}

function checkGradient(mask: Float64Array | undefined): void {
  const net = randomNet(K, H, O, 3);
  expect(minKinkDistance(net, x, N)).toBeGreaterThan(1e-3);
  const analytic = createGradient(net);
  batchLossAndGradient(
    net,
    x,
    targets,
    rows,
    start,
    end,
    mask,
    analytic,
    createBackpropWorkspace(net),
  );
  const numeric = numericGradient(net, mask);
  for (const key of ["w1", "b1", "w2", "b2"] as const) {
    expect(maxRelativeError(analytic[key], numeric[key]), key).toBeLessThan(1e-6);
    // Guard against a vacuous pass on an all-zero gradient.
    expect(
      analytic[key].some((v) => Math.abs(v) > 1e-4),
      key,
    ).toBe(true);
  }
}

describe("batchLossAndGradient", () => {
  it("computes the mean BCE over outputs and batch rows", () => {
    const net = randomNet(K, H, O, 3);
    const probabilities = predictProba(net, x, N);
    let expected = 0;
    for (let o = 0; o < O; o++) {
      const labels = Uint8Array.from(rows.subarray(start, end), (i) => targets[o][i]);
      const p = Float64Array.from(rows.subarray(start, end), (i) => probabilities[i * O + o]);
      expected += bceLoss(labels, p) / O;
    }
    expect(loss(net, undefined)).toBeCloseTo(expected, 12);
  });

  it("matches central finite differences without dropout", () => {
    checkGradient(undefined);
  });

  it("matches central finite differences with a fixed dropout mask", () => {
    const mask = new Float64Array((end - start) * H);
    sampleDropoutMask(mask, 0.3, createRng(4));
    expect(mask.some((m) => m === 0)).toBe(true);
    expect(mask.some((m) => m > 1)).toBe(true);
    checkGradient(mask);
  });

  it("a dropped unit receives no gradient from that sample", () => {
    const net = randomNet(K, H, O, 3);
    const single = Int32Array.from([4]);
    const mask = new Float64Array(H).fill(1 / 0.7);
    mask[2] = 0;
    const g = createGradient(net);
    batchLossAndGradient(net, x, targets, single, 0, 1, mask, g, createBackpropWorkspace(net));
    expect(g.b1[2]).toBe(0);
    for (let j = 0; j < K; j++) expect(g.w1[2 * K + j]).toBe(0);
    for (let o = 0; o < O; o++) expect(g.w2[o * H + 2]).toBe(0);
  });
});

describe("dropout", () => {
  it("drops about `rate` of the units and scales the survivors by 1/(1−rate)", () => {
    const mask = new Float64Array(20000);
    sampleDropoutMask(mask, 0.3, createRng(9));
    const dropped = mask.filter((m) => m === 0).length / mask.length;
    expect(dropped).toBeGreaterThan(0.28);
    expect(dropped).toBeLessThan(0.32);
    expect(mask.every((m) => m === 0 || Math.abs(m - 1 / 0.7) < 1e-15)).toBe(true);
  });

  it("is off when evaluating: evaluateRows equals the unmasked batch loss, not a masked one", () => {
    const net = randomNet(K, H, O, 3);
    const all = Int32Array.from({ length: N }, (_, i) => i);
    const ws = createBackpropWorkspace(net);
    const acc = new Float64Array(O);
    const evaluated = evaluateRows(net, x, targets, all, ws, acc);
    const g = createGradient(net);
    expect(evaluated).toBeCloseTo(
      batchLossAndGradient(net, x, targets, all, 0, N, undefined, g, ws),
      14,
    );
    const mask = new Float64Array(N * H);
    sampleDropoutMask(mask, 0.3, createRng(1));
    expect(
      Math.abs(evaluated - batchLossAndGradient(net, x, targets, all, 0, N, mask, g, ws)),
    ).toBeGreaterThan(1e-6);
    // And accuracy agrees with thresholding predictProba at 0.5.
    const p = predictProba(net, x, N);
    for (let o = 0; o < O; o++) {
      let correct = 0;
      for (let i = 0; i < N; i++) if (p[i * O + o] > 0.5 === (targets[o][i] === 1)) correct++;
      expect(acc[o]).toBeCloseTo(correct / N, 15);
    }
  });
});

describe("bce", () => {
  it("bceFromLogit equals −log σ(z) / −log(1−σ(z)) and stays finite when saturated", () => {
    for (const z of [-3, -0.5, 0, 0.7, 4]) {
      const s = 1 / (1 + Math.exp(-z));
      expect(bceFromLogit(z, 1)).toBeCloseTo(-Math.log(s), 12);
      expect(bceFromLogit(z, 0)).toBeCloseTo(-Math.log(1 - s), 12);
    }
    expect(bceFromLogit(800, 0)).toBeCloseTo(800, 9);
    expect(bceFromLogit(-800, 0)).toBe(0);
  });

  it("bceLoss clips probabilities like Keras", () => {
    expect(bceLoss(Uint8Array.from([1, 0]), Float64Array.from([0.8, 0.3]))).toBeCloseTo(
      -(Math.log(0.8) + Math.log(0.7)) / 2,
      14,
    );
    expect(bceLoss(Uint8Array.from([1]), Float64Array.from([0]))).toBeCloseTo(-Math.log(1e-7), 9);
  });
});
