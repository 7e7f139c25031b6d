import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/errors.js";
import { createMlp, forwardOne, logitInputGradient, type Mlp } from "../../src/nn/mlp.js";
import { balancedBootstrapRows, meanRankRelevancy } from "../../src/unhide/ensembleRelevancy.js";
import {
  groupContrastAttribution,
  groupContrastRelevancy,
  integratedGradients,
} from "../../src/unhide/integratedGradients.js";
import {
  localizePenalizedArchetypes,
  penalizedObjective,
  penalizedRelevancy,
  resolvePenalizedLocalizationConfig,
} from "../../src/unhide/penalizedArchetype.js";
import { createRng } from "../../src/util/rng.js";
import { handBuiltNet, scoreOf, trainPlantedNet } from "./tinyNets.js";

function logitOf(net: Mlp, p: ArrayLike<number>): number {
  const a = new Float64Array(net.hiddenSize);
  const logits = new Float64Array(net.outputSize);
  forwardOne(net, p, a, logits);
  return logits[0];
}

const sum = (v: ArrayLike<number>) => Array.from(v).reduce((s, x) => s + x, 0);

describe("integratedGradients", () => {
  it("satisfies completeness: the attributions add up to z(x) − z(baseline), the error shrinking with steps", () => {
    const { net, x } = trainPlantedNet(8, 6, 5, { n: 200, epochs: 150 });
    const rng = createRng(9);
    const baseline = Float64Array.from({ length: 8 }, () => rng.normal());
    const ig = new Float64Array(8);
    let worst4 = 0;
    let worst256 = 0;
    for (let row = 0; row < 20; row++) {
      const target = logitOf(net, x.subarray(row * 8, row * 8 + 8)) - logitOf(net, baseline);
      integratedGradients(net, 0, x, row * 8, baseline, 4, ig);
      worst4 = Math.max(worst4, Math.abs(sum(ig) - target));
      integratedGradients(net, 0, x, row * 8, baseline, 256, ig);
      worst256 = Math.max(worst256, Math.abs(sum(ig) - target));
    }
    // A ReLU logit is piecewise linear along the path: the midpoint sum is exact except on the
    // segments where a unit switches, whose weight falls like 1/steps.
    expect(worst256).toBeLessThan(0.02);
    expect(worst256).toBeLessThan(worst4);
  });

  it("equals the step-by-step midpoint sum of input gradients it shortcuts", () => {
    const { net, x } = trainPlantedNet(12, 7, 3, { n: 120, epochs: 60 });
    const rng = createRng(21);
    const baseline = Float64Array.from({ length: 12 }, () => rng.normal());
    const fast = new Float64Array(12);
    const point = new Float64Array(12);
    const gradient = new Float64Array(12);
    let worst = 0;
    let largest = 0;
    for (const steps of [1, 3, 16]) {
      for (let row = 0; row < 40; row++) {
        const offset = row * 12;
        const slow = new Float64Array(12);
        for (let s = 0; s < steps; s++) {
          const alpha = (s + 0.5) / steps;
          for (let j = 0; j < 12; j++) {
            point[j] = baseline[j] + alpha * (x[offset + j] - baseline[j]);
          }
          logitInputGradient(net, point, 0, gradient);
          for (let j = 0; j < 12; j++) slow[j] += gradient[j];
        }
        for (let j = 0; j < 12; j++) slow[j] *= (x[offset + j] - baseline[j]) / steps;
        integratedGradients(net, 0, x, offset, baseline, steps, fast);
        for (let j = 0; j < 12; j++) {
          worst = Math.max(worst, Math.abs(fast[j] - slow[j]));
          largest = Math.max(largest, Math.abs(slow[j]));
        }
      }
    }
    expect(largest).toBeGreaterThan(0.01);
    expect(worst).toBeLessThan(1e-12 * Math.max(1, largest));
  });

  it("is exact for a logit that is linear along the path: IG_j = w_j·(x_j − b_j)", () => {
    const net = createMlp(3, 1, 1);
    net.w1.set([2, -1, 0.5]);
    net.b1[0] = 100;
    net.w2[0] = 1;
    const ig = integratedGradients(net, 0, [1, 2, 3], 0, [0, 1, -1], 1, new Float64Array(3));
    expect(Array.from(ig)).toEqual([2, -1, 2]);
    expect(() => integratedGradients(net, 0, [1, 2, 3], 0, [0, 0, 0], 0, ig)).toThrow(ConfigError);
  });
});

describe("groupContrastAttribution", () => {
  it("for a linear logit and the pooled mean as baseline is w_j·(μ_m,j − μ_M,j), summing to the gap in mean logits", () => {
    const net = createMlp(3, 1, 1);
    net.w1.set([2, -1, 0.5]);
    net.b1[0] = 100;
    net.w2[0] = 1;
    const rng = createRng(4);
    const users = 40;
    const x = Float64Array.from({ length: users * 3 }, () => rng.normal());
    const labels = Uint8Array.from({ length: users }, (_, i) => (i % 3 === 0 ? 0 : 1));
    const rows = Int32Array.from({ length: users }, (_, i) => i);
    const mean = (group: number, j: number) => {
      let s = 0;
      let n = 0;
      for (let i = 0; i < users; i++) {
        if (labels[i] === group) {
          s += x[i * 3 + j];
          n++;
        }
      }
      return s / n;
    };
    const contrast = groupContrastAttribution({ net, output: 0, x, labels, rows, steps: 3 });
    const w = [2, -1, 0.5];
    for (let j = 0; j < 3; j++)
      expect(contrast[j]).toBeCloseTo(w[j] * (mean(0, j) - mean(1, j)), 10);
    const gap = [0, 1, 2].reduce((s, j) => s + w[j] * (mean(0, j) - mean(1, j)), 0);
    expect(sum(contrast)).toBeCloseTo(gap, 10);
    const r = groupContrastRelevancy({ net, output: 0, x, labels, rows, steps: 3 });
    expect(Math.max(...r)).toBe(1);
    expect(() =>
      groupContrastAttribution({ net, output: 0, x, labels, rows: Int32Array.of(1, 2) }),
    ).toThrow(ConfigError);
  });

  it("puts the planted factors x0, x1 of a trained net on top", () => {
    const { net, x, y } = trainPlantedNet(8, 6, 2);
    const labels = Uint8Array.from(y);
    const rows = Int32Array.from({ length: y.length }, (_, i) => i);
    const r = groupContrastRelevancy({ net, output: 0, x, labels, rows });
    const top = [...r.keys()].sort((a, b) => r[b] - r[a]).slice(0, 2);
    expect(top.sort()).toEqual([0, 1]);
  });
});

describe("penalized contrastive localization", () => {
  const population = {
    center: [0.5, -0.2, 0, 0.1, 0, 0, 0, 0],
    scale: [1, 2, 0.5, 1, 1, 1, 1, 0],
    centroids: {
      majority: [1, -1, 0, 0, 0, 0, 0, 0],
      minority: [-1, 1, 0, 0, 0, 0, 0, 0],
    },
  };

  it("has the gradient its finite differences say, for both signs", () => {
    const net = handBuiltNet();
    const rng = createRng(2);
    const u = Float64Array.from({ length: 8 }, () => rng.normal());
    for (const sign of [1, -1] as const) {
      const gradient = new Float64Array(8);
      penalizedObjective(net, 0, sign, u, population, 0.7, gradient);
      for (let j = 0; j < 8; j++) {
        const h = 1e-6;
        const plus = Float64Array.from(u);
        const minus = Float64Array.from(u);
        plus[j] += h;
        minus[j] -= h;
        const numeric =
          (penalizedObjective(net, 0, sign, plus, population, 0.7) -
            penalizedObjective(net, 0, sign, minus, population, 0.7)) /
          (2 * h);
        expect(gradient[j]).toBeCloseTo(numeric, 6);
      }
    }
  });

  it("converges to the closed form u* = ±σ∘w/λ of a linear logit, classified as its own group", () => {
    const net = createMlp(8, 1, 1);
    net.w1.set([2, -1, 0.5, 0, 0, 0, 0, 3]);
    net.b1[0] = 100;
    net.w2[0] = 1;
    net.b2[0] = -100;
    const pair = localizePenalizedArchetypes(net, 0, population, { penalty: 2 }, createRng(1));
    const w = [2, -1, 0.5, 0, 0, 0, 0, 3];
    for (let j = 0; j < 8; j++) {
      const expected = (population.scale[j] * w[j]) / 2;
      expect(pair.majority.standardized[j]).toBeCloseTo(expected, 6);
      expect(pair.minority.standardized[j]).toBeCloseTo(-expected, 6);
      // A factor without spread stays at the mean.
      if (population.scale[j] === 0)
        expect(pair.majority.vector[j]).toBeCloseTo(population.center[j], 12);
    }
    expect(pair.majority.converged && pair.minority.converged).toBe(true);
    expect(pair.majority.score).toBeGreaterThan(0.5);
    expect(pair.minority.score).toBeLessThan(0.5);
    expect(scoreOf(net, pair.majority.vector)).toBeCloseTo(pair.majority.score, 12);
    // |u_M − u_m| ∝ σ_j|w_j|: factor 1 (σ 2, |w| 1) ties factor 0 (σ 1, |w| 2).
    const r = penalizedRelevancy(pair);
    expect(r[0]).toBeCloseTo(1, 7);
    expect(r[1]).toBeCloseTo(1, 7);
    expect(r[7]).toBeCloseTo(0, 7);
  });

  it("keeps the best of its starts and is deterministic per seed", () => {
    const net = handBuiltNet();
    const config = { starts: ["zeros", "noise", "centroid"] as const };
    const a = localizePenalizedArchetypes(net, 0, population, config, createRng(3));
    const b = localizePenalizedArchetypes(net, 0, population, config, createRng(3));
    expect(Array.from(a.minority.vector)).toEqual(Array.from(b.minority.vector));
    for (const start of config.starts) {
      const single = localizePenalizedArchetypes(
        net,
        0,
        population,
        { starts: [start] },
        createRng(3),
      );
      expect(a.majority.objective).toBeGreaterThanOrEqual(single.majority.objective);
      expect(a.minority.objective).toBeGreaterThanOrEqual(single.minority.objective);
    }
    expect(a.majority.score).toBeGreaterThan(0.5);
    expect(a.minority.score).toBeLessThan(0.5);
  });

  it("rejects a bad configuration", () => {
    expect(() => resolvePenalizedLocalizationConfig({ penalty: 0 })).toThrow(ConfigError);
    expect(() => resolvePenalizedLocalizationConfig({ step: 1, penalty: 3 })).toThrow(ConfigError);
    expect(() => resolvePenalizedLocalizationConfig({ starts: [] })).toThrow(ConfigError);
    const net = handBuiltNet();
    expect(() =>
      localizePenalizedArchetypes(
        net,
        0,
        { center: population.center, scale: population.scale },
        {},
        createRng(1),
      ),
    ).toThrow(ConfigError);
  });
});

describe("class-balanced bootstrap and rank aggregation", () => {
  it("draws half of the rows from each group, only from the given rows of that group", () => {
    const labels = Uint8Array.from([1, 1, 1, 1, 1, 0, 1, 0, 1, 1]);
    const rows = Int32Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    const rng = createRng(6);
    const b = balancedBootstrapRows(rows, labels, () => rng.next());
    expect(b.length).toBe(9);
    const minority = Array.from(b).filter((r) => labels[r] === 0);
    expect(minority.length).toBe(5);
    for (const r of b) expect(Array.from(rows)).toContain(r);
    expect(() => balancedBootstrapRows(Int32Array.of(0, 1), labels, () => 0.5)).toThrow(
      ConfigError,
    );
  });

  it("averages ranks: a factor first in one member and last in another sits in the middle", () => {
    const r = meanRankRelevancy([
      [3, 2, 1, 0],
      [0, 2, 1, 3],
    ]);
    // ranks: factor 0 → 0 and 3, factor 1 → 1 and 1, factor 2 → 2 and 2, factor 3 → 3 and 0.
    expect(Array.from(r)).toEqual([0.5, 1 - 1 / 3, 1 - 2 / 3, 0.5]);
    expect(() => meanRankRelevancy([])).toThrow(ConfigError);
  });
});
