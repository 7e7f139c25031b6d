import { describe, expect, it } from "vitest";
import { createMlp } from "../../src/nn/mlp.js";
import {
  createRmspropState,
  DEFAULT_RMSPROP_CONFIG,
  rmspropStep,
  rmspropUpdate,
} from "../../src/nn/rmsprop.js";

describe("RMSprop", () => {
  it("one step follows v = ρv + (1−ρ)g², w −= lr·g/(√v + ε)", () => {
    const config = { learningRate: 0.01, rho: 0.8, epsilon: 1e-3 };
    const w = Float64Array.from([1, -2, 0.5, 0]);
    const g = Float64Array.from([0.3, -1, 0, 2]);
    const v = Float64Array.from([0.04, 0, 1, 0.5]);
    const w0 = w.slice();
    const v0 = v.slice();
    rmspropUpdate(w, g, v, config);
    for (let i = 0; i < 4; i++) {
      const vi = 0.8 * v0[i] + 0.2 * g[i] * g[i];
      expect(v[i]).toBeCloseTo(vi, 15);
      expect(w[i]).toBeCloseTo(w0[i] - (0.01 * g[i]) / (Math.sqrt(vi) + 1e-3), 15);
    }
    expect(w[2]).toBe(0.5); // zero gradient: no move
  });

  it("the first Keras-default step from zero state moves each weight by ≈ lr/√(1−ρ)", () => {
    const w = Float64Array.from([0, 0]);
    const v = new Float64Array(2);
    rmspropUpdate(w, Float64Array.from([5, -0.1]), v, DEFAULT_RMSPROP_CONFIG);
    const expected = 1e-3 / Math.sqrt(0.1);
    expect(w[0]).toBeCloseTo(-expected, 7);
    expect(w[1]).toBeCloseTo(expected, 7);
  });

  it("rmspropStep updates all four tensors of the network", () => {
    const net = createMlp(3, 2, 2);
    const gradient = createMlp(3, 2, 2);
    for (const key of ["w1", "b1", "w2", "b2"] as const) gradient[key].fill(1);
    const state = createRmspropState(net);
    rmspropStep(net, gradient, state, DEFAULT_RMSPROP_CONFIG);
    for (const key of ["w1", "b1", "w2", "b2"] as const) {
      expect(net[key].every((v) => v < 0)).toBe(true);
      expect(state[key].every((v) => Math.abs(v - 0.1) < 1e-15)).toBe(true);
    }
  });
});
