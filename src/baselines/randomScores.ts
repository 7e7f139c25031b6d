/**
 * The "random" baseline: a seeded random order of the factors, expressed as scores so it
 * goes through the same `rankDescending` as every other ranking.
 */

import { ConfigError } from "../errors.js";
import { permutation, type Rng } from "../util/rng.js";

/**
 * Scores whose descending order is a uniformly random permutation of 0..k−1: the factor
 * drawn first gets k, the next k − 1, …, the last 1. Distinct integers, so no tie-breaking
 * by index can bias the order.
 */
export function randomScores(k: number, rng: Rng): Float64Array {
  if (!Number.isInteger(k) || k < 1) {
    throw new ConfigError(`randomScores: k must be an integer ≥ 1, got ${k}`);
  }
  const order = permutation(k, rng);
  const scores = new Float64Array(k);
  for (let i = 0; i < k; i++) scores[order[i]] = k - i;
  return scores;
}
