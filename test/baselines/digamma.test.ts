import { describe, expect, it } from "vitest";
import { digamma } from "../../src/baselines/digamma.js";

// Reference values from SciPy 1.17 (scipy.special.digamma), computed once:
//   [repr(float(digamma(v))) for v in [0.001, 0.5, 1, 1.5, 2.7, 9.99, 10, 50.5, 1000, -0.5, -2.3]]
const REFERENCE: [number, number][] = [
  [0.001, -1000.5755719318103],
  [0.5, -1.9635100260214235],
  [1, -0.5772156649015329],
  [1.5, 0.03648997397857652],
  [2.7, 0.7967831689911411],
  [9.99, 2.250700372831201],
  [10, 2.251752589066721],
  [50.5, 3.912039670928392],
  [1000, 6.907255195648812],
  [-0.5, 0.03648997397857651],
  [-2.3, 3.3173231575618236],
];

describe("digamma", () => {
  it("matches SciPy to ~1e-15 relative", () => {
    for (const [x, expected] of REFERENCE) {
      expect(Math.abs(digamma(x) - expected)).toBeLessThanOrEqual(
        2e-15 * Math.max(1, Math.abs(expected)),
      );
    }
  });

  it("satisfies ψ(n) = −γ + H(n−1) for integers, the values the MI estimator uses", () => {
    let harmonic = 0;
    for (let n = 1; n <= 2000; n++) {
      expect(digamma(n)).toBeCloseTo(-0.5772156649015329 + harmonic, 12);
      harmonic += 1 / n;
    }
  });

  it("satisfies the recurrence ψ(x + 1) = ψ(x) + 1/x across the series switch-over", () => {
    for (let x = 0.05; x < 30; x += 0.37) {
      expect(digamma(x + 1) - digamma(x)).toBeCloseTo(1 / x, 11);
    }
  });

  it("has SciPy's values at its poles and edges", () => {
    expect(digamma(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(digamma(-3)).toBeNaN();
    expect(digamma(Number.NaN)).toBeNaN();
    expect(digamma(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
  });
});
