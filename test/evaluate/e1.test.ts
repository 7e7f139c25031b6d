import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/errors.js";
import { type E1Input, runE1 } from "../../src/evaluate/experiments/e1.js";
import type { RankingMethod } from "../../src/evaluate/experiments/types.js";
import { stratifiedSplit } from "../../src/evaluate/stratifiedSplit.js";
import { fitClassifier } from "../../src/nn/fitClassifier.js";
import { createMlp, predictRows, sigmoid } from "../../src/nn/mlp.js";
import { createRng } from "../../src/util/rng.js";

// 400 users, 20 factors; only factors 0–2 carry the label.
function planted() {
  const rng = createRng(21);
  const n = 400;
  const k = 20;
  const labels = new Uint8Array(n);
  const factors = new Float64Array(n * k);
  for (let u = 0; u < n; u++) {
    labels[u] = rng.next() < 0.7 ? 1 : 0;
    const shift = labels[u] ? 1 : -1;
    for (let j = 0; j < k; j++) factors[u * k + j] = rng.normal() + (j < 3 ? shift : 0);
  }
  const [train, validation, test] = stratifiedSplit(labels, [0.7, 0.1, 0.2], rng.fork("split"));
  const split = { train, validation, test };
  const classifier = { epochs: 150 };
  const net = fitClassifier(factors, [labels], split, classifier, rng.fork("net")).net;
  // Archetypes: clearly on their side in the informative factors, the same noise elsewhere.
  const noise = Float64Array.from({ length: k }, () => rng.normal());
  const majority = noise.map((v, j) => (j < 3 ? 2.5 : v));
  const minority = noise.map((v, j) => (j < 3 ? -2.5 : v));
  return { k, labels, factors, split, net, classifier, archetypes: { majority, minority } };
}

const data = planted();
const good = Int32Array.from({ length: 20 }, (_, i) => i);
const bad = Int32Array.from({ length: 20 }, (_, i) => 19 - i);

function input(rankings: [RankingMethod, Int32Array][], extra: Partial<E1Input> = {}): E1Input {
  return {
    factors: data.factors,
    k: data.k,
    labels: data.labels,
    split: data.split,
    net: data.net,
    output: 0,
    archetypes: data.archetypes,
    rankings: new Map(rankings),
    classifier: data.classifier,
    rng: createRng(3),
    ...extra,
  };
}

describe("runE1", () => {
  it("feeds the original network the archetype with the other inputs zeroed", () => {
    // One hidden unit h = relu(x0 + 2x1 + 3x2); output 1 has logit −h.
    const net = createMlp(3, 1, 2);
    net.w1.set([1, 2, 3]);
    net.w2.set([1, -1]);
    const result = runE1({
      factors: new Float64Array(6),
      k: 3,
      labels: Uint8Array.of(0, 1),
      split: { train: Int32Array.of(0), validation: Int32Array.of(1), test: new Int32Array(0) },
      net,
      output: 1,
      archetypes: { majority: Float64Array.of(1, 1, 1), minority: Float64Array.of(-1, 2, 1) },
      rankings: new Map([["logistic", Int32Array.of(2, 0, 1)]]),
      ns: [1, 2, 3],
      modes: ["zeroed"],
      rng: createRng(1),
    });
    expect(result.ns).toEqual([1, 2, 3]);
    expect(result.rows.map((r) => [r.n, r.majorityScore, r.minorityScore])).toEqual([
      [1, sigmoid(-3), sigmoid(-3)],
      [2, sigmoid(-4), sigmoid(-2)],
      [3, sigmoid(-6), sigmoid(-6)],
    ]);
    expect(result.rows[0]).toMatchObject({
      method: "logistic",
      mode: "zeroed",
      majorityCorrect: false,
      minorityCorrect: true,
    });
  });

  it("with N = k reproduces the full network's scores of the archetypes", () => {
    const result = runE1(input([["deepunhide", good]], { ns: [20], modes: ["zeroed"] }));
    const both = new Float64Array([...data.archetypes.majority, ...data.archetypes.minority]);
    const full = predictRows(data.net, both, Int32Array.of(0, 1));
    expect(result.rows[0].majorityScore).toBeCloseTo(full[0], 14);
    expect(result.rows[0].minorityScore).toBeCloseTo(full[1], 14);
  });

  it("tells the archetypes apart from the informative factors only, both ways", () => {
    const result = runE1(
      input(
        [
          ["deepunhide", good],
          ["random", bad],
        ],
        { ns: [3] },
      ),
    );
    const row = (method: RankingMethod, mode: string) =>
      result.rows.find((r) => r.method === method && r.mode === mode)!;
    for (const mode of ["zeroed", "retrained"]) {
      expect(row("deepunhide", mode)).toMatchObject({
        majorityCorrect: true,
        minorityCorrect: true,
      });
      expect(row("deepunhide", mode).majorityScore).toBeGreaterThan(0.8);
      expect(row("deepunhide", mode).minorityScore).toBeLessThan(0.2);
    }
    // Only noise factors kept, where the archetypes agree: they become the same input, so
    // exactly one of them can be classified right.
    for (const mode of ["zeroed", "retrained"]) {
      const r = row("random", mode);
      expect(r.majorityScore).toBe(r.minorityScore);
      expect(r.majorityCorrect).not.toBe(r.minorityCorrect);
    }
  });

  it("pairs the retrained fits: equal top-N sequences give equal scores, whatever the method", () => {
    const prefixSwapped = Int32Array.from(good);
    prefixSwapped.set([1, 0], 0);
    const result = runE1(
      input(
        [
          ["deepunhide", good],
          ["centroid", Int32Array.from(good)],
          ["logistic", prefixSwapped],
        ],
        { ns: [2, 4], modes: ["retrained"] },
      ),
    );
    const scores = (method: RankingMethod) =>
      result.rows.filter((r) => r.method === method).map((r) => [r.majorityScore, r.minorityScore]);
    expect(scores("centroid")).toEqual(scores("deepunhide"));
    // Same factors in another column order is another network (the init maps to columns).
    expect(scores("logistic")).not.toEqual(scores("deepunhide"));
    // A fresh run with the same rng seed reproduces the numbers (no hidden state in the cache).
    const alone = runE1(input([["centroid", good]], { ns: [2, 4], modes: ["retrained"] }));
    expect(alone.rows.map((r) => [r.majorityScore, r.minorityScore])).toEqual(scores("centroid"));
  });

  it("runs N = 1..20 in method → N → mode order by default", () => {
    const result = runE1(
      input(
        [
          ["variance", good],
          ["entropy", bad],
        ],
        { modes: ["zeroed"] },
      ),
    );
    expect(result.ns).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(result.rows).toHaveLength(40);
    expect(result.rows[0]).toMatchObject({ method: "variance", n: 1 });
    expect(result.rows[20]).toMatchObject({ method: "entropy", n: 1 });
  });

  it("rejects PCA components, short or repeating rankings and impossible N", () => {
    expect(() => runE1(input([["pca-components", good]], { ns: [1] }))).toThrow(/extraction/);
    expect(() => runE1(input([["logistic", Int32Array.of(0, 1)]], { ns: [3] }))).toThrow(
      ConfigError,
    );
    expect(() => runE1(input([["logistic", Int32Array.of(0, 0, 1)]], { ns: [2] }))).toThrow(
      ConfigError,
    );
    expect(() => runE1(input([["logistic", good]], { ns: [0] }))).toThrow(ConfigError);
    expect(() => runE1(input([["logistic", good]], { ns: [1], output: 1 }))).toThrow(ConfigError);
  });
});
