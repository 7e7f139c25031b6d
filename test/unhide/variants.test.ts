import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/errors.js";
import { createMlp } from "../../src/nn/mlp.js";
import { bootstrapRows, ensembleRelevancy } from "../../src/unhide/ensembleRelevancy.js";
import { gradientRelevancy } from "../../src/unhide/gradientRelevancy.js";
import { normalizeMinMax } from "../../src/unhide/normalizeArchetype.js";
import { relevancy } from "../../src/unhide/relevancy.js";
import { maxNormalize, scaledArchetypeRelevancy } from "../../src/unhide/scaledRelevancy.js";
import { createRng } from "../../src/util/rng.js";
import { handBuiltNet } from "./tinyNets.js";

const list = (a: ArrayLike<number>): number[] => Array.from(a);
const expectClose = (actual: ArrayLike<number>, expected: number[]): void => {
  expect(actual.length).toBe(expected.length);
  for (let j = 0; j < expected.length; j++) expect(actual[j]).toBeCloseTo(expected[j], 12);
};

describe("scaledArchetypeRelevancy", () => {
  it("ranks by the size of the archetype difference, where min–max ranks by distance from the midrange", () => {
    // p_M = g, p_m = −g: the paper's relevancy is |g_j − 0.4|/0.6 (0.4 = midrange of g), so
    // g = −0.2 ties with g = 1 and outranks g = 0.9; the size of the difference does not.
    const g = [1, 0.9, 0, -0.2];
    const minus = g.map((v) => -v);
    const paper = relevancy(normalizeMinMax(g), normalizeMinMax(minus));
    expectClose(scaledArchetypeRelevancy(g, minus), [1, 0.9, 0, 0.2]);
    expect(paper[3]).toBeGreaterThan(paper[2]);
    expect(paper[1]).toBeCloseTo(((0.9 - 0.4) / 0.6) * 1, 12);
  });

  it("weighs each factor by its scale and max-normalizes", () => {
    expectClose(scaledArchetypeRelevancy([2, 1, 0], [0, 0, 1], [0.5, 4, 1]), [0.25, 1, 0.25]);
  });

  it("gives zeros for identical archetypes and rejects bad input", () => {
    expect(list(scaledArchetypeRelevancy([1, 2], [1, 2]))).toEqual([0, 0]);
    expect(() => scaledArchetypeRelevancy([1, 2], [1])).toThrow(ConfigError);
    expect(() => scaledArchetypeRelevancy([1, 2], [1, 2], [1])).toThrow(ConfigError);
    expect(() => scaledArchetypeRelevancy([1, 2], [1, 2], [1, -1])).toThrow(ConfigError);
    expect(list(maxNormalize(new Float64Array([0, 0])))).toEqual([0, 0]);
  });
});

describe("gradientRelevancy", () => {
  it("recovers |w_j|·scale_j of a linear logit (a single always-active ReLU unit)", () => {
    const net = createMlp(3, 1, 1);
    net.w1.set([2, -1, 0.5]);
    net.b1[0] = 100; // active for every user below
    net.w2[0] = 1;
    const x = new Float64Array([0, 0, 0, 1, 1, 1, -1, 2, 0]);
    const rows = Int32Array.from([0, 1, 2]);
    expectClose(gradientRelevancy({ net, output: 0, x, rows }), [1, 0.5, 0.25]);
    expectClose(gradientRelevancy({ net, output: 0, x, rows, scale: [1, 4, 1] }), [0.5, 1, 0.125]);
  });

  it("finds the planted factors x0, x1 of the hand-built net over its active users", () => {
    const net = handBuiltNet();
    const rng = createRng(3);
    const x = Float64Array.from({ length: 50 * 8 }, () => rng.normal());
    const rows = Int32Array.from({ length: 50 }, (_, i) => i);
    for (const pooling of ["mean", "mean-abs"] as const) {
      const r = gradientRelevancy({ net, output: 0, x, rows, pooling });
      const top = [...r.keys()].sort((a, b) => r[b] - r[a]).slice(0, 2);
      expect(top.sort(), pooling).toEqual([0, 1]);
    }
  });

  it("averages signed gradients with pooling 'mean' and their magnitudes with 'mean-abs'", () => {
    // Two hidden units, each active on one user, pulling factor 0 in opposite directions.
    const net = createMlp(2, 2, 1);
    net.w1.set([1, 0, -1, 0]);
    net.w2.set([1, 1]);
    const x = new Float64Array([1, 0, -1, 0]);
    const rows = Int32Array.from([0, 1]);
    const mean = gradientRelevancy({ net, output: 0, x, rows });
    expect(list(mean)).toEqual([0, 0]);
    expectClose(gradientRelevancy({ net, output: 0, x, rows, pooling: "mean-abs" }), [1, 0]);
  });

  it("rejects an empty row set, a bad output or a row out of range", () => {
    const net = handBuiltNet();
    const x = new Float64Array(16);
    expect(() => gradientRelevancy({ net, output: 0, x, rows: new Int32Array(0) })).toThrow(
      ConfigError,
    );
    expect(() => gradientRelevancy({ net, output: 1, x, rows: Int32Array.of(0) })).toThrow(
      ConfigError,
    );
    expect(() => gradientRelevancy({ net, output: 0, x, rows: Int32Array.of(2) })).toThrow(
      ConfigError,
    );
  });
});

describe("ensembleRelevancy", () => {
  it("averages the members, max-normalizes, and reports spread and top-N agreement", () => {
    const e = ensembleRelevancy(
      [
        [1, 0.5, 0],
        [0.5, 1, 0],
      ],
      1,
    );
    expectClose(e.relevancy, [1, 1, 0]);
    expectClose(e.std, [Math.SQRT1_2 / 2, Math.SQRT1_2 / 2, 0]);
    expectClose(e.topShare, [0.5, 0.5, 0]);
    expect(list(e.ranking)).toEqual([0, 1, 2]);
    expect(e.members).toBe(2);
  });

  it("has NaN spread with one member and rejects no members or mixed lengths", () => {
    expect(Number.isNaN(ensembleRelevancy([[1, 0]]).std[0])).toBe(true);
    expect(() => ensembleRelevancy([])).toThrow(ConfigError);
    expect(() => ensembleRelevancy([[1], [1, 2]])).toThrow(ConfigError);
  });
});

describe("bootstrapRows", () => {
  it("draws as many rows as given, with replacement, only from the given rows", () => {
    const rng = createRng(1);
    const rows = Int32Array.from([5, 9, 11, 20]);
    const b = bootstrapRows(rows, () => rng.next());
    expect(b.length).toBe(4);
    for (const r of b) expect(list(rows)).toContain(r);
    const again = createRng(1);
    expect(list(bootstrapRows(rows, () => again.next()))).toEqual(list(b));
  });
});
