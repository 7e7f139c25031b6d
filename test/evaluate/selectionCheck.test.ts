import { describe, expect, it } from "vitest";
import { checkSelection } from "../../src/evaluate/selectionCheck.js";
import { stratifiedSplit } from "../../src/evaluate/stratifiedSplit.js";
import { createRng } from "../../src/util/rng.js";

// 600 users, 100 factors; only factors 0–2 carry the label, so random triples rarely hold one.
function planted(seed: number) {
  const rng = createRng(seed);
  const n = 600;
  const k = 100;
  const labels = new Uint8Array(n);
  const factors = new Float64Array(n * k);
  for (let u = 0; u < n; u++) {
    labels[u] = rng.next() < 0.7 ? 1 : 0;
    const shift = labels[u] ? 0.8 : -0.8;
    for (let j = 0; j < k; j++) factors[u * k + j] = rng.normal() + (j < 3 ? shift : 0);
  }
  const [train, validation, test] = stratifiedSplit(labels, [0.7, 0.1, 0.2], rng.fork("split"));
  return { n, k, labels, factors, split: { train, validation, test } };
}

describe("checkSelection", () => {
  const data = planted(11);
  const base = {
    factors: data.factors,
    userCount: data.n,
    k: data.k,
    labels: data.labels,
    split: data.split,
    n: 3,
    allFactorsBalancedAccuracy: 0.9,
    randomDraws: 4,
    classifier: { epochs: 150 },
  };

  it("shows that the informative factors beat random ones, and a bad ranking does not", () => {
    const good = checkSelection({ ...base, ranking: [0, 1, 2] }, createRng(1));
    expect(Array.from(good.factors)).toEqual([0, 1, 2]);
    expect(good.random.balancedAccuracy).toHaveLength(4);
    expect(good.test.balancedAccuracy).toBeGreaterThan(0.85);
    expect(good.beatsRandom).toBe(true);
    expect(good.retainedBalancedAccuracy).toBeCloseTo(good.test.balancedAccuracy / 0.9, 12);
    expect(good.retainedAboveChance).toBeCloseTo((good.test.balancedAccuracy - 0.5) / 0.4, 12);

    const bad = checkSelection({ ...base, ranking: [97, 98, 99] }, createRng(1));
    expect(bad.test.balancedAccuracy).toBeLessThan(0.65);
    expect(bad.beatsRandom).toBe(false);
  });

  it("is deterministic per seed and skips the random draws when asked", () => {
    const a = checkSelection({ ...base, ranking: [0, 1, 2] }, createRng(5));
    const b = checkSelection({ ...base, ranking: [0, 1, 2] }, createRng(5));
    expect(b).toEqual(a);
    const none = checkSelection({ ...base, ranking: [0, 1, 2], randomDraws: 0 }, createRng(5));
    expect(none.random.draws).toBe(0);
    expect(none.random.mean).toBeNaN();
    expect(none.beatsRandom).toBe(false);
    expect(none.test).toEqual(a.test);
  });
});
