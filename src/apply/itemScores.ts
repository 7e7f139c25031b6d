import { ConfigError } from "../errors.js";
import { checkMatrix } from "./groupVirtualUser.js";

/**
 * Predicted rating of every item for one factor vector: scores[i] = v · q_i, over
 * `itemFactors` (items × k, row-major).
 */
export function scoreItems(
  itemFactors: ArrayLike<number>,
  k: number,
  vector: ArrayLike<number>,
): Float64Array {
  const items = checkMatrix(itemFactors, k, "itemFactors");
  if (vector.length !== k) throw new ConfigError(`vector has length ${vector.length}, k = ${k}`);
  const scores = new Float64Array(items);
  for (let i = 0; i < items; i++) {
    const base = i * k;
    let s = 0;
    for (let j = 0; j < k; j++) s += vector[j] * itemFactors[base + j];
    scores[i] = s;
  }
  return scores;
}

/**
 * Indices of the `top` highest scores, best first, skipping items flagged in `exclude`.
 * Ties go to the lower item index, so the order is deterministic.
 */
export function topItems(scores: Float64Array, top: number, exclude?: Uint8Array): Int32Array {
  if (!Number.isInteger(top) || top < 0) {
    throw new ConfigError(`top must be a non-negative integer, got ${top}`);
  }
  if (exclude !== undefined && exclude.length !== scores.length) {
    throw new ConfigError(
      `exclude mask covers ${exclude.length} items, but there are ${scores.length}`,
    );
  }
  let candidates = 0;
  const order = new Int32Array(scores.length);
  for (let i = 0; i < scores.length; i++) {
    if (exclude === undefined || exclude[i] === 0) order[candidates++] = i;
  }
  const kept = order.subarray(0, candidates);
  if (top * 4 < candidates) return bestOf(scores, kept, top);
  kept.sort((a, b) => scores[b] - scores[a] || a - b);
  return Int32Array.from(kept.subarray(0, Math.min(top, candidates)));
}

/**
 * The `top` best of `candidates` (ascending indices) in the order the full sort gives, by one
 * pass that keeps a sorted buffer: a short list of many items (every request of the explorer,
 * every sampled user of its fairness measure) then costs about one comparison per item
 * instead of a sort. Candidates come in ascending index, so a later item with an equal score
 * never displaces an earlier one: the ties go to the lower index, as in the sort.
 */
function bestOf(scores: Float64Array, candidates: Int32Array, top: number): Int32Array {
  const best = new Int32Array(top);
  let size = 0;
  for (let c = 0; c < candidates.length; c++) {
    const i = candidates[c];
    const s = scores[i];
    if (size === top && !(s > scores[best[size - 1]])) continue;
    let pos = size < top ? size++ : size - 1;
    while (pos > 0 && s > scores[best[pos - 1]]) {
      best[pos] = best[pos - 1];
      pos--;
    }
    best[pos] = i;
  }
  return best.subarray(0, size).slice();
}
