import { describe, expect, it } from "vitest";
import { forwardOne, logitInputGradient, type Mlp, sigmoid } from "../../src/nn/mlp.js";
import { maxRelativeError, minKinkDistance, randomNet, randomRows } from "./helpers.js";

function logit(net: Mlp, p: Float64Array, o: number): number {
  const hidden = new Float64Array(net.hiddenSize);
  const logits = new Float64Array(net.outputSize);
  forwardOne(net, p, hidden, logits);
  return logits[o];
}

function numericInputGradient(p: Float64Array, f: (q: Float64Array) => number): Float64Array {
  const out = new Float64Array(p.length);
  const step = 1e-6;
  for (let j = 0; j < p.length; j++) {
    const saved = p[j];
    p[j] = saved + step;
    const up = f(p);
    p[j] = saved - step;
    const down = f(p);
    p[j] = saved;
    out[j] = (up - down) / (2 * step);
  }
  return out;
}

describe("gradients with respect to the input (localization)", () => {
  const K = 8;
  const net = randomNet(K, 6, 2, 21);
  const points = randomRows(5, K, 22);

  it("logitInputGradient matches finite differences of the logit, away from ReLU kinks", () => {
    expect(minKinkDistance(net, points, 5)).toBeGreaterThan(1e-3);
    for (let i = 0; i < 5; i++) {
      const p = points.slice(i * K, (i + 1) * K);
      for (let o = 0; o < 2; o++) {
        const g = new Float64Array(K);
        const z = logitInputGradient(net, p, o, g);
        expect(z).toBeCloseTo(logit(net, p, o), 14);
        const numeric = numericInputGradient(p, (q) => logit(net, q, o));
        expect(maxRelativeError(g, numeric)).toBeLessThan(1e-6);
        expect(g.some((v) => Math.abs(v) > 1e-3)).toBe(true);
      }
    }
  });

  it("the sigmoid output's gradient is h(1−h)·∇z", () => {
    for (let i = 0; i < 5; i++) {
      const p = points.slice(i * K, (i + 1) * K);
      const g = new Float64Array(K);
      const z = logitInputGradient(net, p, 1, g);
      const h = sigmoid(z);
      const analytic = g.map((v) => h * (1 - h) * v);
      const numeric = numericInputGradient(p, (q) => sigmoid(logit(net, q, 1)));
      expect(maxRelativeError(analytic, numeric)).toBeLessThan(1e-6);
    }
  });
});
