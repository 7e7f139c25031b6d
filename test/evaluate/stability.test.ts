import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/errors.js";
import {
  expectedRandomJaccard,
  jaccard,
  runStability,
} from "../../src/evaluate/experiments/stability.js";
import { createRng, permutation } from "../../src/util/rng.js";

describe("jaccard", () => {
  it("is |A ∩ B| / |A ∪ B| over sets", () => {
    expect(jaccard([1, 2, 3], [2, 3, 4])).toBeCloseTo(2 / 4, 14);
    expect(jaccard([1, 2], [3, 4])).toBe(0);
    expect(jaccard(Int32Array.of(5, 1), [1, 5])).toBe(1);
    expect(jaccard([1, 1, 2], [1])).toBeCloseTo(1 / 2, 14);
    expect(jaccard([], [])).toBe(1);
    expect(jaccard([], [1])).toBe(0);
  });
});

describe("expectedRandomJaccard", () => {
  it("matches a brute-force enumeration (N = 2 of k = 4)", () => {
    // 36 ordered pairs of 2-subsets: 6 equal (J = 1), 6 disjoint (J = 0), 24 sharing one (J = 1/3).
    expect(expectedRandomJaccard(2, 4)).toBeCloseTo(14 / 36, 14);
    expect(expectedRandomJaccard(4, 4)).toBe(1);
    expect(expectedRandomJaccard(0, 4)).toBe(1);
  });

  it("sits near N/(2k − N) for the paper's N = 20, k = 100", () => {
    const e = expectedRandomJaccard(20, 100);
    expect(e).toBeGreaterThan(0.1);
    expect(e).toBeLessThan(0.125);
  });
});

describe("runStability", () => {
  it("scores identical rankings 1 and a fixed top-N regardless of the order within it", () => {
    const a = Int32Array.of(3, 1, 4, 0, 2, 5);
    const b = Int32Array.of(4, 3, 1, 5, 0, 2);
    const c = Int32Array.of(0, 2, 5, 3, 1, 4);
    const r = runStability([a, b, c], 3, 6, createRng(1));
    expect(r).toMatchObject({ topN: 3, seeds: 3 });
    // Pairs (a,b), (a,c), (b,c): {1,3,4} vs {1,3,4}, {0,2,5}, and {0,2,5} again.
    expect(r.deepunhide.values).toEqual([1, 0, 0]);
    expect(r.random.values).toHaveLength(3);
  });

  it("draws a chance level whose mean matches the hypergeometric expectation", () => {
    const rng = createRng(3);
    const rankings = Array.from({ length: 40 }, () => permutation(100, rng));
    const r = runStability(rankings, 20, 100, createRng(9));
    expect(r.random.values).toHaveLength(780);
    const expected = expectedRandomJaccard(20, 100);
    // Random rankings are themselves chance: both summaries agree with the expectation
    // within ~4 standard errors.
    expect(Math.abs(r.random.mean - expected)).toBeLessThan((4 * r.random.std) / Math.sqrt(780));
    expect(Math.abs(r.deepunhide.mean - expected)).toBeLessThan(0.02);
    expect(runStability(rankings, 20, 100, createRng(9))).toEqual(r);
  });

  it("is NaN with one seed and rejects short rankings", () => {
    const one = runStability([permutation(10, createRng(1))], 3, 10, createRng(1));
    expect(one.deepunhide.values).toEqual([]);
    expect(one.deepunhide.mean).toBeNaN();
    expect(one.random.mean).toBeNaN();
    expect(() => runStability([Int32Array.of(1, 2)], 3, 10, createRng(1))).toThrow(ConfigError);
    expect(() => runStability([], 11, 10, createRng(1))).toThrow(ConfigError);
  });

  it("defaults to the top 20", () => {
    const rankings = [permutation(50, createRng(1)), permutation(50, createRng(2))];
    expect(runStability(rankings, undefined, 50, createRng(1)).topN).toBe(20);
  });
});
