import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/errors.js";
import { averageRanks, spearman } from "../../src/evaluate/spearman.js";

describe("averageRanks", () => {
  it("ranks from 1 and averages ties", () => {
    expect(Array.from(averageRanks([10, 20, 20, 30]))).toEqual([1, 2.5, 2.5, 4]);
    expect(Array.from(averageRanks([3, 1, 3, 3, 0]))).toEqual([4, 2, 4, 4, 1]);
    expect(Array.from(averageRanks([]))).toEqual([]);
  });

  it("refuses NaN", () => {
    expect(() => averageRanks([1, Number.NaN])).toThrow(ConfigError);
  });
});

describe("spearman", () => {
  it("matches 1 − 6Σd²/(n(n²−1)) without ties", () => {
    expect(spearman([1, 2, 3, 4, 5], [2, 1, 4, 3, 5])).toBeCloseTo(0.8, 14);
  });

  it("matches a hand-computed value with ties", () => {
    // y ranks [1, 2, 3.5, 5, 3.5]: cov 8, var 10 and 9.5 → 8 / √95.
    expect(spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7])).toBeCloseTo(8 / Math.sqrt(95), 14);
  });

  it("is ±1 for monotone relations, whatever their shape", () => {
    const x = [0.1, 5, -3, 2, 8];
    expect(spearman(x, x.map(Math.exp))).toBeCloseTo(1, 14);
    expect(
      spearman(
        x,
        x.map((v) => -(v ** 3)),
      ),
    ).toBeCloseTo(-1, 14);
  });

  it("is NaN with no order to correlate", () => {
    expect(spearman([1, 2, 3], [4, 4, 4])).toBeNaN();
    expect(spearman([1], [2])).toBeNaN();
    expect(spearman([1, Number.NaN, 3], [1, 2, 3])).toBeNaN();
    expect(() => spearman([1, 2], [1])).toThrow(ConfigError);
  });
});
