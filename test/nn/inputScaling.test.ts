import { describe, expect, it } from "vitest";
import { initializeMlp } from "../../src/nn/initialize.js";
import { applyInputScaling, fitInputScaling, foldInputScaling } from "../../src/nn/inputScaling.js";
import { predictProba } from "../../src/nn/mlp.js";
import { createRng } from "../../src/util/rng.js";
import { randomNet } from "./helpers.js";

describe("input scaling", () => {
  const K = 4;
  const n = 50;
  const rng = createRng(31);
  const x = new Float64Array(n * K);
  for (let i = 0; i < n; i++) {
    x[i * K] = 10 + 3 * rng.normal();
    x[i * K + 1] = -0.01 * rng.normal();
    x[i * K + 2] = 7; // constant: zero variance
    x[i * K + 3] = rng.next();
  }
  const train = Int32Array.from({ length: 40 }, (_, i) => i);

  it("uses the train rows only and gives scale 1 to a zero-variance input", () => {
    const s = fitInputScaling(x, K, train);
    let mean0 = 0;
    for (let i = 0; i < 40; i++) mean0 += x[i * K];
    expect(s.mean[0]).toBeCloseTo(mean0 / 40, 12);
    expect(s.mean[2]).toBe(7);
    expect(s.scale[2]).toBe(1);
    const z = applyInputScaling(x, K, s);
    for (const j of [0, 1, 3]) {
      let m = 0;
      let v = 0;
      for (let i = 0; i < 40; i++) m += z[i * K + j] / 40;
      for (let i = 0; i < 40; i++) v += (z[i * K + j] - m) ** 2 / 40;
      expect(m).toBeCloseTo(0, 12);
      expect(v).toBeCloseTo(1, 12);
    }
    expect(z.every(Number.isFinite)).toBe(true);
  });

  it("the folded net on raw inputs equals the unfolded net on scaled inputs", () => {
    const s = fitInputScaling(x, K, train);
    const net = randomNet(K, 5, 2, 8);
    const scaled = predictProba(net, applyInputScaling(x, K, s), n);
    const folded = predictProba(foldInputScaling(net, s), x, n);
    for (let i = 0; i < scaled.length; i++) expect(folded[i]).toBeCloseTo(scaled[i], 12);
    // Folding must not mutate the original net.
    const again = predictProba(net, applyInputScaling(x, K, s), n);
    expect(again).toEqual(scaled);
  });
});

describe("initializeMlp", () => {
  it("draws Glorot-uniform weights within ±√(6/(fanIn+fanOut)) and zero biases", () => {
    const net = initializeMlp(100, 10, 2, createRng(1));
    const l1 = Math.sqrt(6 / 110);
    const l2 = Math.sqrt(6 / 12);
    expect(net.w1.every((w) => Math.abs(w) < l1)).toBe(true);
    expect(net.w2.every((w) => Math.abs(w) < l2)).toBe(true);
    // Uniform on ±l has variance l²/3.
    const variance = net.w1.reduce((a, w) => a + w * w, 0) / net.w1.length;
    expect(variance).toBeGreaterThan((0.9 * (l1 * l1)) / 3);
    expect(variance).toBeLessThan((1.1 * (l1 * l1)) / 3);
    expect(net.b1.every((b) => b === 0)).toBe(true);
    expect(net.b2.every((b) => b === 0)).toBe(true);
  });
});
