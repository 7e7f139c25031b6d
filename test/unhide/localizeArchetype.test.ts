import { describe, expect, it } from "vitest";
import { ConfigError, TrainingError } from "../../src/errors.js";
import { createMlp } from "../../src/nn/mlp.js";
import {
  KERAS_SNIPPET,
  localizeArchetype,
  localizeArchetypes,
} from "../../src/unhide/localizeArchetype.js";
import { buildFactorProfile } from "../../src/unhide/profile.js";
import { createRng } from "../../src/util/rng.js";
import { handBuiltNet, scoreOf, trainPlantedNet } from "./tinyNets.js";

const trained = trainPlantedNet(8, 10, 3, { n: 1000, epochs: 300 });

// These tiny nets have small input gradients; the tests check the mechanism at the looser
// tolerance the paper's vanishing step reaches quickly on them.
const loose = { tolerance: 0.01 } as const;

describe("localizeArchetype, paper method", () => {
  it("the trained classifier labels each archetype as its own group", () => {
    expect(trained.accuracy).toBeGreaterThan(0.8);
    const { majority, minority } = localizeArchetypes(trained.net, 0, loose, createRng(1));
    expect(majority.score).toBeGreaterThan(0.9);
    expect(minority.score).toBeLessThan(0.1);
    expect(majority.converged && minority.converged).toBe(true);
    expect(majority.startedFrom).toBe("zeros");
    expect(majority.warnings).toEqual([]);
    // The reported score is the one of the returned vector, checked by an independent pass.
    expect(scoreOf(trained.net, majority.vector)).toBeCloseTo(majority.score, 12);
    expect(scoreOf(trained.net, minority.vector)).toBeCloseTo(minority.score, 12);
  });

  it("archetypes differ mostly on the planted factors, with the planted sign", () => {
    const { majority, minority } = localizeArchetypes(trained.net, 0, {}, createRng(1));
    const profile = buildFactorProfile(majority.vector, minority.vector);
    expect([...profile.ranking.slice(0, 2)].sort()).toEqual([0, 1]);
    // Majority ⇔ x0 − x1 large: x0 high and x1 low in the majority archetype, reverse for minority.
    expect(majority.vector[0]).toBeGreaterThan(majority.vector[1]);
    expect(minority.vector[1]).toBeGreaterThan(minority.vector[0]);
  });

  it("moves only along the gradient: inputs the net ignores stay at exactly 0", () => {
    const net = handBuiltNet();
    net.w1.fill(0, 2 * 8, 3 * 8); // unit 2 no longer reads x2..x7
    const r = localizeArchetype(net, 0, 1, loose);
    expect(r.score).toBeGreaterThanOrEqual(1 - loose.tolerance);
    expect(r.vector[0]).toBeCloseTo(-r.vector[1], 12);
    expect(r.vector[0]).toBeGreaterThan(0);
    for (let j = 2; j < 8; j++) expect(r.vector[j]).toBe(0);
  });

  it("raises the score monotonically toward t = 1 and lowers it toward t = 0", () => {
    const net = handBuiltNet();
    const up = localizeArchetype(net, 0, 1, { recordTrace: true });
    const down = localizeArchetype(net, 0, 0, { recordTrace: true });
    expect(up.trace).toHaveLength(up.iterations + 1);
    expect(down.trace).toHaveLength(down.iterations + 1);
    for (let i = 1; i < up.trace!.length; i++)
      expect(up.trace![i]).toBeGreaterThan(up.trace![i - 1]);
    for (let i = 1; i < down.trace!.length; i++)
      expect(down.trace![i]).toBeLessThan(down.trace![i - 1]);
    expect(up.trace![up.trace!.length - 1]).toBe(up.score);
  });

  it("reports converged: false when maxIterations is too small", () => {
    const r = localizeArchetype(handBuiltNet(), 0, 1, { maxIterations: 1 });
    expect(r.converged).toBe(false);
    expect(r.iterations).toBe(1);
    expect(r.warnings.join(" ")).toMatch(/not converged after 1 iterations/);
    const none = localizeArchetype(handBuiltNet(), 0, 1, { maxIterations: 0 });
    expect(none.iterations).toBe(0);
    expect([...none.vector]).toEqual(new Array(8).fill(0));
  });

  it("stops at once, with a warning, when the start already scores within tolerance", () => {
    const net = handBuiltNet();
    net.b2[0] = 10;
    const r = localizeArchetype(net, 0, 1);
    expect(r).toMatchObject({ iterations: 0, converged: true });
    expect(r.warnings.join(" ")).toMatch(/already scores/);
  });

  it("normalizeGradient converges where the raw rule's vanishing step does not", () => {
    const weak = handBuiltNet(0.1, 0.01); // ‖∇z‖² ≈ 3e-3: raw steps are tiny
    const raw = localizeArchetype(weak, 0, 1, { ...loose, maxIterations: 2000 });
    expect(raw.converged).toBe(false);
    const normalized = localizeArchetype(weak, 0, 1, {
      ...loose,
      maxIterations: 2000,
      normalizeGradient: true,
    });
    expect(normalized.converged).toBe(true);
    expect(normalized.score).toBeGreaterThan(0.99);
    // Same direction as the paper's rule: x0 up, x1 down.
    expect(normalized.vector[0]).toBeGreaterThan(0);
    expect(normalized.vector[1]).toBeLessThan(0);
  });

  it("stops with a warning when the gradient vanishes on the way (all units die)", () => {
    // One unit with a positive output weight: lowering z switches it off, then z = b2 for good.
    const net = createMlp(2, 1, 1);
    net.w1.set([1, 0]);
    net.b1[0] = 1;
    net.w2[0] = 1;
    net.b2[0] = 0; // the lowest reachable score is σ(0) = 0.5
    const r = localizeArchetype(net, 0, 0);
    expect(r.converged).toBe(false);
    expect(r.score).toBeCloseTo(0.5, 12);
    expect(r.warnings.join(" ")).toMatch(/every hidden ReLU unit became inactive/);
  });
});

describe("localizeArchetype, keras-snippet variant", () => {
  it("is gradient ascent on the loss: it swaps the archetypes", () => {
    for (const net of [trained.net, handBuiltNet()]) {
      const { majority, minority } = localizeArchetypes(
        net,
        0,
        { method: "keras-snippet", recordTrace: true },
        createRng(1),
      );
      expect(majority.score).toBeLessThan(0.5);
      expect(minority.score).toBeGreaterThan(0.5);
      expect(majority.iterations).toBe(KERAS_SNIPPET.iterations);
      expect(majority.converged).toBe(false);
      expect(majority.warnings.join(" ")).toMatch(/anti-archetype/);
      // Every step moves away from the target.
      const trace = majority.trace!;
      for (let i = 1; i < trace.length; i++) expect(trace[i]).toBeLessThan(trace[i - 1]);
    }
  });

  it("takes RMS-normalised steps of 0.1 from zeros, as the snippet does", () => {
    const net = handBuiltNet();
    net.w1.fill(0, 2 * 8, 3 * 8);
    // Small output weights keep h in (0.3, 0.7), where Keras' 1e-5 guard is negligible.
    net.w2[0] = 0.1;
    net.w2[1] = -0.1;
    const r = localizeArchetype(net, 0, 1, { method: "keras-snippet" });
    // The gradient only has x0/x1 components of equal size, so each step is
    // 0.1·√(8/2) = 0.2 on x0 (downwards, away from the majority) and +0.2 on x1.
    // Keras' 1e-5 guard only shortens the steps, here by about 0.2 %.
    const full = 0.2 * KERAS_SNIPPET.iterations;
    expect(r.vector[0]).toBeGreaterThan(-full);
    expect(r.vector[0]).toBeLessThan(-0.99 * full);
    expect(r.vector[1]).toBe(-r.vector[0]);
    expect(r.score).toBeLessThan(scoreOf(net, new Float64Array(8)));
  });
});

describe("localizeArchetype, zero gradient at the start", () => {
  it("detects the ReLU dead zone at p = 0, falls back to noise and reports it", () => {
    const net = handBuiltNet(-0.05); // every hidden bias < 0: all units dead at p = 0
    const a = localizeArchetype(net, 0, 1, loose, createRng(42));
    expect(a.startedFrom).toBe("noise");
    expect(a.warnings[0]).toMatch(/zero at p = 0/);
    expect(a.converged).toBe(true);
    expect(a.score).toBeGreaterThan(0.9);
    const b = localizeArchetype(net, 0, 0, loose, createRng(42));
    expect(b.startedFrom).toBe("noise");
    expect(b.score).toBeLessThan(0.1);
    // The fallback is seeded: same rng seed, same archetype.
    const again = localizeArchetype(net, 0, 1, loose, createRng(42));
    expect([...again.vector]).toEqual([...a.vector]);
  });

  it("applies to the keras-snippet variant too", () => {
    const r = localizeArchetype(
      handBuiltNet(-0.05),
      0,
      1,
      { method: "keras-snippet" },
      createRng(3),
    );
    expect(r.startedFrom).toBe("noise");
    expect(r.score).toBeLessThan(0.5);
  });

  it("throws a TrainingError when no start has a gradient", () => {
    const net = handBuiltNet(-1e6);
    expect(() => localizeArchetype(net, 0, 1, {}, createRng(1))).toThrow(TrainingError);
    expect(() => localizeArchetype(net, 0, 1, {}, createRng(1))).toThrow(/zero at every start/);
    const untrained = createMlp(4, 3, 1); // all-zero weights
    expect(() => localizeArchetype(untrained, 0, 0, { init: "noise" }, createRng(1))).toThrow(
      TrainingError,
    );
  });
});

describe("localizeArchetype, noise init and configuration", () => {
  it("is deterministic for a given seed and differs across seeds", () => {
    const cfg = { init: "noise" as const };
    const a = localizeArchetypes(trained.net, 0, cfg, createRng(9));
    const b = localizeArchetypes(trained.net, 0, cfg, createRng(9));
    const c = localizeArchetypes(trained.net, 0, cfg, createRng(10));
    expect([...a.majority.vector]).toEqual([...b.majority.vector]);
    expect([...a.minority.vector]).toEqual([...b.minority.vector]);
    expect([...a.majority.vector]).not.toEqual([...c.majority.vector]);
    // The two targets draw from independent forks, so their starts differ.
    expect(a.majority.startedFrom).toBe("noise");
    expect(a.majority.score).toBeGreaterThan(0.9);
    expect(a.minority.score).toBeLessThan(0.1);
  });

  it("noise start lies within ±noiseScale", () => {
    const r = localizeArchetype(
      trained.net,
      0,
      1,
      { init: "noise", maxIterations: 0 },
      createRng(2),
    );
    for (const v of r.vector) expect(Math.abs(v)).toBeLessThanOrEqual(0.1);
    expect(new Set(r.vector).size).toBe(8);
  });

  it("rejects invalid arguments with ConfigError", () => {
    const net = handBuiltNet();
    expect(() => localizeArchetype(net, 1, 1)).toThrow(ConfigError);
    expect(() => localizeArchetype(net, 0, 2 as 0)).toThrow(ConfigError);
    expect(() => localizeArchetype(net, 0, 1, { tolerance: 0.5 })).toThrow(ConfigError);
    expect(() => localizeArchetype(net, 0, 1, { eta: 0 })).toThrow(ConfigError);
    expect(() => localizeArchetype(net, 0, 1, { maxIterations: 1.5 })).toThrow(ConfigError);
    expect(() => localizeArchetype(net, 0, 1, { init: "noise" })).toThrow(/needs a seeded Rng/);
    expect(() => localizeArchetype(net, 0, 1, { method: "adam" as "paper" })).toThrow(ConfigError);
  });
});

describe("localizeArchetype, speed (K = 100, 10 hidden units)", () => {
  it("measures iterations and time until convergence", () => {
    const big = trainPlantedNet(100, 10, 7, { n: 500, epochs: 200 });
    const rng = createRng(1);
    localizeArchetypes(big.net, 0, {}, rng); // JIT warm-up, not timed
    const t0 = performance.now();
    const pair = localizeArchetypes(big.net, 0, {}, rng);
    const untilConverged = performance.now() - t0;
    expect(pair.majority.score).toBeGreaterThan(0.9);
    expect(pair.minority.score).toBeLessThan(0.1);
    // Fixed work: 1000 updates (tolerance unreachable in 1000 steps for t = 1).
    const t1 = performance.now();
    const fixed = localizeArchetype(big.net, 0, 1, {
      maxIterations: 1000,
      tolerance: 1e-300,
    });
    const per1000 = performance.now() - t1;
    expect(fixed.iterations).toBe(1000);
    console.info(
      `localization K=100 hidden=10: majority ${pair.majority.iterations} it, minority ` +
        `${pair.minority.iterations} it, both ${untilConverged.toFixed(2)} ms; ` +
        `1000 iterations ${per1000.toFixed(2)} ms`,
    );
  });
});
