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
  // Short lists (every user's top-10 in a fairness sweep) by one pass that keeps the best
  // so far in order; most items fail the first comparison. Long lists by a full sort.
  if (top <= SHORT_LIST) return shortTopItems(scores, top, exclude);
  let candidates = 0;
  const order = new Int32Array(scores.length);
  for (let i = 0; i < scores.length; i++) {
    if (exclude === undefined || exclude[i] === 0) order[candidates++] = i;
  }
  const kept = order.subarray(0, candidates);
  kept.sort((a, b) => scores[b] - scores[a] || a - b);
  return Int32Array.from(kept.subarray(0, Math.min(top, candidates)));
}

/** Longest list {@link topItems} builds by insertion rather than by sorting every item. */
const SHORT_LIST = 64;

function shortTopItems(scores: Float64Array, top: number, exclude?: Uint8Array): Int32Array {
  const best = new Int32Array(top);
  let size = 0;
  for (let i = 0; i < scores.length; i++) {
    if (exclude !== undefined && exclude[i] !== 0) continue;
    const s = scores[i];
    // Items come in ascending index, so an equal score never displaces an earlier item.
    if (size === top && !(s > scores[best[size - 1]])) continue;
    let at = size < top ? size++ : size - 1;
    while (at > 0 && s > scores[best[at - 1]]) {
      best[at] = best[at - 1];
      at--;
    }
    best[at] = i;
  }
  return best.slice(0, size);
}
