import { describe, expect, it } from "vitest";
import { centroidScores } from "../../src/baselines/centroidScores.js";
import { logisticScores } from "../../src/baselines/logisticScores.js";
import { randomScores } from "../../src/baselines/randomScores.js";
import type { RankingInput } from "../../src/baselines/rankingInput.js";
import { varianceScores } from "../../src/baselines/varianceScores.js";
import { ConfigError } from "../../src/errors.js";
import { fitLogisticRegression } from "../../src/evaluate/classifiers/logisticRegression.js";
import { rankDescending } from "../../src/unhide/rankDescending.js";
import { createRng } from "../../src/util/rng.js";
import { HIGH_VARIANCE, INFORMATIVE, plantedInput } from "./planted.js";

const top = (scores: Float64Array, n: number) => [...rankDescending(scores).slice(0, n)];

/** A copy of `input` whose non-training users have flipped labels and wild factor values. */
function scrambleHeldOut(input: RankingInput): RankingInput {
  const x = Float64Array.from(input.x);
  const labels = input.labels.slice();
  const train = new Set(input.rows);
  for (let u = 0; u < labels.length; u++) {
    if (train.has(u)) continue;
    labels[u] = 1 - labels[u];
    for (let j = 0; j < input.k; j++) x[u * input.k + j] = 1000 * (j % 3) - 7;
  }
  return { ...input, x, labels };
}

describe("supervised rankings on planted data", () => {
  const input = plantedInput();

  it("logistic, centroid: the informative factors 0–2 are in the top 5", () => {
    expect(top(logisticScores(input), 5)).toEqual(expect.arrayContaining(INFORMATIVE));
    expect(top(centroidScores(input), 5)).toEqual(expect.arrayContaining(INFORMATIVE));
  });

  it("are not fooled by a factor with a large but uninformative variance", () => {
    expect(top(logisticScores(input), 10)).not.toContain(HIGH_VARIANCE);
    expect(top(centroidScores(input), 10)).not.toContain(HIGH_VARIANCE);
  });

  it("read the training rows only", () => {
    const scrambled = scrambleHeldOut(input);
    expect(logisticScores(scrambled)).toEqual(logisticScores(input));
    expect(centroidScores(scrambled)).toEqual(centroidScores(input));
  });
});

describe("logisticScores", () => {
  it("is |coefficient| of the standardized L2 logistic regression", () => {
    const input = plantedInput(300, 5);
    const model = fitLogisticRegression(input.x, input.k, input.labels, input.rows, { c: 0.3 });
    const scores = logisticScores(input, { c: 0.3 });
    for (let j = 0; j < input.k; j++) expect(scores[j]).toBe(Math.abs(model.coefficients[j]));
  });
});

describe("centroidScores", () => {
  it("is |mean difference| / pooled sample standard deviation", () => {
    // Factor 0: majority {1, 3}, minority {0, 2, 4}: means 2 and 2 → 0.
    // Factor 1: majority {4, 6} (var 2), minority {0, 1, 2} (var 1): pooled √((2 + 2)/3).
    const x = new Float64Array([1, 4, 3, 6, 0, 0, 2, 1, 4, 2]);
    const labels = new Uint8Array([1, 1, 0, 0, 0]);
    const scores = centroidScores({ x, k: 2, labels, rows: new Int32Array([0, 1, 2, 3, 4]) });
    expect(scores[0]).toBeCloseTo(0, 15);
    expect(scores[1]).toBeCloseTo(4 / Math.sqrt(4 / 3), 14);
  });

  it("gives +∞ to a factor that separates the groups without spread, 0 to a constant one", () => {
    const x = new Float64Array([1, 5, 1, 5, 0, 5, 0, 5]);
    const labels = new Uint8Array([1, 1, 0, 0]);
    const scores = centroidScores({ x, k: 2, labels, rows: new Int32Array([0, 1, 2, 3]) });
    expect(scores[0]).toBe(Number.POSITIVE_INFINITY);
    expect(scores[1]).toBe(0);
  });

  it("needs both groups among the training rows", () => {
    const input = plantedInput(100);
    const rows = Int32Array.from([...input.rows].filter((u) => input.labels[u] === 1));
    expect(() => centroidScores({ ...input, rows })).toThrow(ConfigError);
  });
});

describe("varianceScores", () => {
  it("ranks the planted high-variance factor first, ignoring the labels", () => {
    const input = plantedInput();
    const scores = varianceScores(input);
    expect(rankDescending(scores)[0]).toBe(HIGH_VARIANCE);
    expect(scores[HIGH_VARIANCE]).toBeGreaterThan(10);
    expect(varianceScores({ ...input, labels: new Uint8Array(0) })).toEqual(scores);
  });

  it("is the population variance over the training rows", () => {
    const x = new Float32Array([1, 10, 3, 10, 5, -10, 1000, 1000]);
    const scores = varianceScores({
      x,
      k: 2,
      labels: new Uint8Array(4),
      rows: new Int32Array([0, 1, 2]),
    });
    expect(scores[0]).toBeCloseTo(8 / 3, 12);
    expect(scores[1]).toBeCloseTo(800 / 9, 10);
  });

  it("rejects bad shapes and rows", () => {
    const x = new Float64Array(10);
    expect(() =>
      varianceScores({ x, k: 3, labels: new Uint8Array(0), rows: new Int32Array([0]) }),
    ).toThrow(ConfigError);
    expect(() =>
      varianceScores({ x, k: 2, labels: new Uint8Array(0), rows: new Int32Array([5]) }),
    ).toThrow(ConfigError);
    expect(() =>
      varianceScores({ x, k: 2, labels: new Uint8Array(0), rows: new Int32Array(0) }),
    ).toThrow(ConfigError);
  });
});

describe("randomScores", () => {
  it("orders the factors by a seeded random permutation", () => {
    const scores = randomScores(100, createRng(3));
    const order = rankDescending(scores);
    expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(new Set(scores).size).toBe(100);
    expect(randomScores(100, createRng(3))).toEqual(scores);
    expect(randomScores(100, createRng(4))).not.toEqual(scores);
  });

  it("is not biased toward low indices: each factor leads equally often", () => {
    const rng = createRng(8);
    const firsts = new Int32Array(5);
    for (let t = 0; t < 5000; t++) firsts[rankDescending(randomScores(5, rng))[0]]++;
    for (const count of firsts) expect(Math.abs(count - 1000)).toBeLessThan(150);
  });

  it("rejects a bad k", () => {
    expect(() => randomScores(0, createRng(1))).toThrow(ConfigError);
  });
});
