/**
 * Stability of the DeepUnHide top-N across classifier seeds: if retraining the MLN with
 * another seed picks other factors, the "meaning" of a factor is an artefact of one run.
 * Judged against the overlap that two random top-N sets have by chance.
 */

import { ConfigError } from "../../errors.js";
import { permutation, type Rng } from "../../util/rng.js";
import { summarizeSeeds } from "../statistics.js";
import type { StabilityResult } from "./types.js";

/**
 * Jaccard index |A ∩ B| / |A ∪ B| of the sets of values in `a` and `b` (repeats count
 * once). Two empty sets are identical, so their index is 1.
 */
export function jaccard(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const setA = new Set(Array.from(a));
  const setB = new Set(Array.from(b));
  let intersection = 0;
  for (const v of setA) if (setB.has(v)) intersection++;
  const union = setA.size + setB.size - intersection;
  return union === 0 ? 1 : intersection / union;
}

/**
 * Exact expected Jaccard index of two independent uniformly random `topN`-subsets of `k`
 * factors. The intersection size I is hypergeometric (population k, N successes, N draws),
 * E[I] = N²/k, and |A ∪ B| = 2N − I, so E[J] = Σ_i P(I = i)·i/(2N − i). For N = 20, k = 100:
 * E[I] = 4 and E[J] ≈ 0.114.
 * @throws ConfigError unless 0 ≤ topN ≤ k are integers.
 */
export function expectedRandomJaccard(topN: number, k: number): number {
  requireTopN(topN, k);
  if (topN === 0) return 1;
  // P(I = i) = C(N, i)·C(k − N, N − i) / C(k, N), in logs to survive large k.
  const logC = (n: number, r: number): number =>
    logFactorial(n) - logFactorial(r) - logFactorial(n - r);
  const low = Math.max(0, 2 * topN - k);
  let expected = 0;
  for (let i = low; i <= topN; i++) {
    const logP = logC(topN, i) + logC(k - topN, topN - i) - logC(k, topN);
    expected += (Math.exp(logP) * i) / (2 * topN - i);
  }
  return expected;
}

/**
 * Jaccard overlap of the top-`topN` factors of every pair of seeds' DeepUnHide rankings
 * (one value per unordered pair, pairs in lexicographic seed order), beside as many pairs of
 * uniformly random top-N subsets of the `k` factors drawn from `rng` — the chance level,
 * whose expectation is {@link expectedRandomJaccard} (≈ N/(2k − N) for N ≪ k: E|A ∩ B| =
 * N²/k). With fewer than two seeds there are no pairs and both summaries are NaN.
 * `topN` defaults to 20 (pass `undefined` to keep it).
 * @throws ConfigError when `topN` is not in [0, k] or a ranking is shorter than `topN`.
 */
export function runStability(
  rankings: readonly Int32Array[],
  topN = 20,
  k: number,
  rng: Rng,
): StabilityResult {
  requireTopN(topN, k);
  for (const [seed, ranking] of rankings.entries()) {
    if (ranking.length < topN) {
      throw new ConfigError(
        `stability: ranking of seed ${seed} has ${ranking.length} factors, fewer than the top ${topN}`,
      );
    }
  }
  const tops = rankings.map((ranking) => ranking.subarray(0, topN));
  const observed: number[] = [];
  for (let s = 0; s < tops.length; s++) {
    for (let t = s + 1; t < tops.length; t++) observed.push(jaccard(tops[s], tops[t]));
  }
  const randomRng = rng.fork("stability-random");
  const chance = observed.map(() =>
    jaccard(
      permutation(k, randomRng).subarray(0, topN),
      permutation(k, randomRng).subarray(0, topN),
    ),
  );
  return {
    topN,
    seeds: rankings.length,
    deepunhide: summarizeSeeds(observed),
    random: summarizeSeeds(chance),
  };
}

function requireTopN(topN: number, k: number): void {
  if (!Number.isInteger(k) || k < 0 || !Number.isInteger(topN) || topN < 0 || topN > k) {
    throw new ConfigError(`stability needs integers 0 ≤ topN ≤ k, got topN ${topN}, k ${k}`);
  }
}

function logFactorial(n: number): number {
  let s = 0;
  for (let i = 2; i <= n; i++) s += Math.log(i);
  return s;
}
