import type { RankingInput } from "../../src/baselines/rankingInput.js";
import { createRng } from "../../src/util/rng.js";

/** Factors that carry the group signal in {@link plantedInput}. */
export const INFORMATIVE = [0, 1, 2];
/** The factor with a large, uninformative variance in {@link plantedInput}. */
export const HIGH_VARIANCE = 50;

/**
 * Users × 100 factors, 70% majority. Factors 0–2 are shifted by ±shift/2 (in units of their
 * unit noise) between the groups; factor 50 has standard deviation 4 and no signal; every
 * factor has its own offset so that centring matters. The first 70% of users are training
 * rows.
 */
export function plantedInput(users = 600, seed = 11, shift = 1.2): RankingInput {
  const k = 100;
  const rng = createRng(seed);
  const x = new Float32Array(users * k);
  const labels = new Uint8Array(users);
  for (let u = 0; u < users; u++) {
    labels[u] = rng.next() < 0.7 ? 1 : 0;
    const sign = labels[u] === 1 ? 0.5 : -0.5;
    for (let j = 0; j < k; j++) {
      const sd = j === HIGH_VARIANCE ? 4 : 1;
      const signal = INFORMATIVE.includes(j) ? sign * shift : 0;
      x[u * k + j] = 0.1 * j + signal + sd * rng.normal();
    }
  }
  const train = Math.round(users * 0.7);
  const rows = new Int32Array(train);
  for (let i = 0; i < train; i++) rows[i] = i;
  return { x, k, labels, rows };
}
