import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/errors.js";
import {
  pairedComparison,
  studentTQuantile,
  summarizeSeeds,
} from "../../src/evaluate/statistics.js";

describe("summarizeSeeds", () => {
  it("gives the mean and the n − 1 standard deviation", () => {
    const s = summarizeSeeds([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(s.mean).toBe(5);
    // Population std of this classic set is 2; the sample std is 2·√(8/7).
    expect(s.std).toBeCloseTo(2 * Math.sqrt(8 / 7), 14);
    expect(s.values).toEqual([2, 4, 4, 4, 5, 5, 7, 9]);
  });

  it("copies the values, is NaN-std for one seed and all-NaN for none", () => {
    const input = [0.7];
    const one = summarizeSeeds(input);
    input[0] = 0;
    expect(one.values).toEqual([0.7]);
    expect(one.mean).toBe(0.7);
    expect(one.std).toBeNaN();
    const none = summarizeSeeds([]);
    expect(none.mean).toBeNaN();
    expect(none.std).toBeNaN();
  });

  it("keeps precision for a tiny spread around a large mean", () => {
    const s = summarizeSeeds([1e8 + 1, 1e8 + 2, 1e8 + 3]);
    expect(s.std).toBeCloseTo(1, 9);
  });

  it("propagates NaN", () => {
    expect(summarizeSeeds([1, Number.NaN, 3]).mean).toBeNaN();
  });
});

describe("studentTQuantile", () => {
  it("matches tabulated values", () => {
    // R: qt(0.975, df) and qt(p, df), printed with 8 significant digits.
    const cases: [number, number, number][] = [
      [0.975, 1, 12.706205],
      [0.975, 2, 4.3026527],
      [0.975, 3, 3.1824463],
      [0.975, 4, 2.7764451],
      [0.975, 9, 2.2621572],
      [0.975, 30, 2.0422725],
      [0.975, 120, 1.9799304],
      [0.95, 5, 2.0150484],
      [0.995, 3, 5.8409093],
      [0.9, 10, 1.3721836],
      [0.999, 1, 318.30884],
    ];
    for (const [p, df, t] of cases) {
      expect(Math.abs(studentTQuantile(p, df) - t) / t).toBeLessThan(1e-7);
    }
  });

  it("agrees with the closed forms for 1 and 2 degrees of freedom", () => {
    for (const p of [0.501, 0.6, 0.75, 0.9, 0.975, 0.99, 0.9999, 0.99999]) {
      const cauchy = Math.tan(Math.PI * (p - 0.5));
      const two = (2 * p - 1) / Math.sqrt(2 * p * (1 - p));
      expect(Math.abs(studentTQuantile(p, 1) - cauchy) / cauchy).toBeLessThan(1e-10);
      expect(Math.abs(studentTQuantile(p, 2) - two) / two).toBeLessThan(1e-10);
    }
  });

  it("tends to the normal quantile for large df, continuously across the series switch", () => {
    const z = 1.959963984540054;
    expect(studentTQuantile(0.975, Number.POSITIVE_INFINITY)).toBeCloseTo(z, 12);
    expect(studentTQuantile(0.975, 1e9)).toBeCloseTo(z, 8);
    expect(studentTQuantile(0.975, 1e6)).toBeCloseTo(z + (z ** 3 + z) / 4e6, 10);
    const below = studentTQuantile(0.975, 1e5);
    const above = studentTQuantile(0.975, 1e5 + 1e-6);
    expect(Math.abs(below - above)).toBeLessThan(1e-10);
    expect(studentTQuantile(0.995, Number.POSITIVE_INFINITY)).toBeCloseTo(2.5758293035489, 12);
    expect(studentTQuantile(0.9999999, Number.POSITIVE_INFINITY)).toBeCloseTo(5.199337582, 8);
  });

  it("is antisymmetric, monotone in p and decreasing in df", () => {
    expect(studentTQuantile(0.5, 4)).toBe(0);
    expect(studentTQuantile(0.025, 9)).toBe(-studentTQuantile(0.975, 9));
    let previous = Number.NEGATIVE_INFINITY;
    for (let p = 0.01; p < 1; p += 0.01) {
      const t = studentTQuantile(p, 3.5);
      expect(t).toBeGreaterThan(previous);
      previous = t;
    }
    for (let df = 1; df < 50; df++) {
      expect(studentTQuantile(0.975, df + 1)).toBeLessThan(studentTQuantile(0.975, df));
    }
    expect(studentTQuantile(1, 3)).toBe(Number.POSITIVE_INFINITY);
    expect(studentTQuantile(0, 3)).toBe(Number.NEGATIVE_INFINITY);
  });

  it("rejects impossible arguments", () => {
    expect(() => studentTQuantile(1.2, 3)).toThrow(ConfigError);
    expect(() => studentTQuantile(0.9, 0)).toThrow(ConfigError);
    expect(() => studentTQuantile(Number.NaN, 3)).toThrow(ConfigError);
  });
});

describe("pairedComparison", () => {
  it("computes the paired difference and its t interval", () => {
    const deep = [0.8, 0.82, 0.79, 0.81, 0.83];
    const other = [0.7, 0.75, 0.74, 0.7, 0.76];
    const c = pairedComparison(deep, other, "logistic", "accuracy");
    const d = deep.map((v, i) => v - other[i]);
    const mean = d.reduce((a, b) => a + b) / 5;
    const sd = Math.sqrt(d.reduce((a, b) => a + (b - mean) ** 2, 0) / 4);
    const half = (2.7764451 * sd) / Math.sqrt(5);
    expect(c.meanDifference).toBeCloseTo(mean, 14);
    expect(c.ciLow).toBeCloseTo(mean - half, 7);
    expect(c.ciHigh).toBeCloseTo(mean + half, 7);
    expect(c).toMatchObject({ against: "logistic", metric: "accuracy", n: 5, verdict: "wins" });
    const reversed = pairedComparison(other, deep, "logistic", "accuracy");
    expect(reversed.verdict).toBe("loses");
    expect(reversed.ciLow).toBeCloseTo(-c.ciHigh, 14);
  });

  it("ties when the interval straddles zero even if the mean is positive", () => {
    const c = pairedComparison([0.8, 0.7, 0.9], [0.7, 0.8, 0.75], "random", "auc");
    expect(c.meanDifference).toBeGreaterThan(0);
    expect(c.ciLow).toBeLessThan(0);
    expect(c.verdict).toBe("ties");
  });

  it("collapses the interval to the mean when every seed agrees", () => {
    const c = pairedComparison([0.6, 0.7], [0.5, 0.6], "variance", "balancedAccuracy");
    expect(c.ciLow).toBeCloseTo(0.1, 12);
    expect(c.ciHigh).toBeCloseTo(0.1, 12);
    expect(c.verdict).toBe("wins");
    expect(pairedComparison([0.5, 0.5], [0.5, 0.5], "variance", "auc").verdict).toBe("ties");
  });

  it("makes no claim from one seed or from a failed seed", () => {
    const one = pairedComparison([0.9], [0.1], "entropy", "accuracy");
    expect(one.meanDifference).toBeCloseTo(0.8, 14);
    expect(one.ciLow).toBeNaN();
    expect(one.ciHigh).toBeNaN();
    expect(one.verdict).toBe("ties");
    const failed = pairedComparison([0.9, Number.NaN, 0.9], [0.1, 0.1, 0.1], "entropy", "auc");
    expect(failed.meanDifference).toBeNaN();
    expect(failed.ciLow).toBeNaN();
    expect(failed.verdict).toBe("ties");
    expect(pairedComparison([], [], "entropy", "auc")).toMatchObject({ n: 0, verdict: "ties" });
  });

  it("rejects unpaired inputs", () => {
    expect(() => pairedComparison([1, 2], [1], "random", "auc")).toThrow(ConfigError);
  });
});
