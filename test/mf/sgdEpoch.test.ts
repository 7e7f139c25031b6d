import { describe, expect, it } from "vitest";
import { sgdEpoch } from "../../src/mf/sgdEpoch.js";
import { createRng } from "../../src/util/rng.js";

/**
 * Per-rating objective whose negative gradient (times γ) the update must be:
 * L(p, q) = ½ (r − p·q)² + ½ λ (‖p‖² + ‖q‖²), so ∂L/∂p = −e q + λ p and ∂L/∂q = −e p + λ q.
 */
function objective(p: Float64Array, q: Float64Array, r: number, lambda: number): number {
  let dot = 0;
  let norms = 0;
  for (let j = 0; j < p.length; j++) {
    dot += p[j] * q[j];
    norms += p[j] * p[j] + q[j] * q[j];
  }
  return 0.5 * (r - dot) ** 2 + 0.5 * lambda * norms;
}

/** Central finite-difference gradient of {@link objective} w.r.t. p and q. */
function numericGradient(p: Float64Array, q: Float64Array, r: number, lambda: number) {
  const h = 1e-6;
  const grad = (v: Float64Array): Float64Array =>
    v.map((x, j) => {
      v[j] = x + h;
      const up = objective(p, q, r, lambda);
      v[j] = x - h;
      const down = objective(p, q, r, lambda);
      v[j] = x;
      return (up - down) / (2 * h);
    });
  return { gp: grad(p), gq: grad(q) };
}

describe("sgdEpoch", () => {
  for (const k of [5, 8]) {
    it(`one step equals −γ × the finite-difference gradient (k = ${k})`, () => {
      const rng = createRng(k);
      const users = 3;
      const items = 2;
      const P = new Float32Array(users * k).map(() => rng.uniform(-1, 1));
      const Q = new Float32Array(items * k).map(() => rng.uniform(-1, 1));
      const u = 2;
      const i = 1;
      const r = 4;
      // Large γ so that using the updated p_u in the q_i step would be a visible error.
      const gamma = 0.1;
      const lambda = 0.3;
      const p0 = Float64Array.from(P.subarray(u * k, (u + 1) * k));
      const q0 = Float64Array.from(Q.subarray(i * k, (i + 1) * k));
      const otherRowsP = Float32Array.from(P);
      const { gp, gq } = numericGradient(p0, q0, r, lambda);

      const sse = sgdEpoch(
        P,
        Q,
        k,
        Int32Array.of(u),
        Int32Array.of(i),
        Float32Array.of(r),
        1,
        gamma,
        lambda,
      );

      let dot = 0;
      for (let j = 0; j < k; j++) dot += p0[j] * q0[j];
      expect(sse).toBeCloseTo((r - dot) ** 2, 5);
      for (let j = 0; j < k; j++) {
        // Float32 storage rounds each new value by ≤ 6e-8, i.e. ≤ 6e-7 in gradient units.
        expect((P[u * k + j] - p0[j]) / -gamma).toBeCloseTo(gp[j], 4);
        expect((Q[i * k + j] - q0[j]) / -gamma).toBeCloseTo(gq[j], 4);
      }
      // Rows not touched by the rating stay as they were.
      expect(P.subarray(0, u * k)).toEqual(otherRowsP.subarray(0, u * k));
    });
  }

  it("applies ratings sequentially: the second step sees the first step's factors", () => {
    const k = 3;
    const P = Float32Array.of(0.5, -0.2, 0.1);
    const Q = Float32Array.of(0.3, 0.4, -0.6);
    const user = Int32Array.of(0, 0);
    const item = Int32Array.of(0, 0);
    const value = Float32Array.of(2, 2);
    const sse = sgdEpoch(P, Q, k, user, item, value, 2, 0.05, 0.1);
    const P1 = Float32Array.of(0.5, -0.2, 0.1);
    const Q1 = Float32Array.of(0.3, 0.4, -0.6);
    const first = sgdEpoch(P1, Q1, k, user, item, value, 1, 0.05, 0.1);
    const second = sgdEpoch(P1, Q1, k, user, item, value, 1, 0.05, 0.1);
    expect(second).toBeLessThan(first);
    expect(sse).toBeCloseTo(first + second, 10);
    expect(P).toEqual(P1);
    expect(Q).toEqual(Q1);
  });
});
