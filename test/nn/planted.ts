import { createRng } from "../../src/util/rng.js";

/** Two binary labels planted in raw (unstandardized, offset) inputs. */
export interface PlantedData {
  /** n × d row-major. */
  readonly x: Float64Array;
  /** Linear + quadratic in x0, ~70% ones. */
  readonly y1: Uint8Array;
  /** Interaction x3·x4 + linear, ~65% ones. */
  readonly y2: Uint8Array;
}

/**
 * n points in R^d whose coordinates have very different scales and offsets (as PMF factors
 * can), with two labels that depend on a fixed linear direction plus a nonlinear term and a
 * little label noise, thresholded at fixed quantiles for a 70/30 and 65/35 imbalance.
 */
export function plantedData(n: number, d: number, seed: number): PlantedData {
  const rng = createRng(seed);
  const x = new Float64Array(n * d);
  const scales = Array.from({ length: d }, (_, j) => 0.05 + (j % 5));
  const offsets = Array.from({ length: d }, (_, j) => (j % 3) - 1);
  const w = Array.from({ length: d }, () => rng.normal());
  const s1 = new Float64Array(n);
  const s2 = new Float64Array(n);
  const z = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    let linear = 0;
    for (let j = 0; j < d; j++) {
      z[j] = rng.normal();
      x[i * d + j] = offsets[j] + scales[j] * z[j];
      linear += (w[j] * z[j]) / Math.sqrt(d);
    }
    s1[i] = linear + 0.8 * (z[0] * z[0] - 1) + 0.3 * rng.normal();
    s2[i] = z[3] * z[4] + 0.5 * linear + 0.3 * rng.normal();
  }
  const quantile = (a: Float64Array, p: number) => Float64Array.from(a).sort()[Math.floor(p * n)];
  const t1 = quantile(s1, 0.3);
  const t2 = quantile(s2, 0.35);
  return {
    x,
    y1: Uint8Array.from(s1, (v) => (v > t1 ? 1 : 0)),
    y2: Uint8Array.from(s2, (v) => (v > t2 ? 1 : 0)),
  };
}
