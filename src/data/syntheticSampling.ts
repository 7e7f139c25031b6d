/**
 * Who rates what in the synthetic dataset: skewed activity per user, log-normal item
 * popularity, and distinct (user, item) pairs drawn without per-rating objects.
 */

import type { Rng } from "../util/rng.js";

/**
 * Ratings per user: `minimum` each, plus the rest shared in proportion to exp(σ·z) (a
 * log-normal activity, like real users'), capped at `cap`, summing to exactly `total`.
 * Caller guarantees `users·minimum ≤ total ≤ users·cap`.
 */
export function allocateUserActivity(
  users: number,
  total: number,
  minimum: number,
  cap: number,
  sigma: number,
  rng: Rng,
): Int32Array {
  const weights = new Float64Array(users);
  for (let u = 0; u < users; u++) weights[u] = Math.exp(sigma * rng.normal());
  const counts = new Int32Array(users).fill(minimum);
  let left = total - users * minimum;
  // Water-filling: share what is left among users below the cap in proportion to weight; what
  // the caps or the flooring hold back is shared again. Once less is left than there are users
  // with room, one round of +1 from a random starting user finishes (the caller's bound
  // users·cap ≥ total guarantees room).
  const start = rng.int(users);
  while (left > 0) {
    let free = 0;
    let freeUsers = 0;
    for (let u = 0; u < users; u++) {
      if (counts[u] < cap) {
        free += weights[u];
        freeUsers++;
      }
    }
    let given = 0;
    if (left >= freeUsers) {
      for (let u = 0; u < users && given < left; u++) {
        if (counts[u] >= cap) continue;
        const share = Math.min(
          cap - counts[u],
          Math.floor((left * weights[u]) / free),
          left - given,
        );
        counts[u] += share;
        given += share;
      }
    }
    if (given === 0) {
      for (let k = 0; k < users && given < left; k++) {
        const u = (start + k) % users;
        if (counts[u] < cap) {
          counts[u]++;
          given++;
        }
      }
    }
    left -= given;
  }
  return counts;
}

/** Item sampling weights exp(σ·z), z standard normal (a log-normal popularity), normalized to sum 1. */
export function lognormalPopularity(items: number, sigma: number, rng: Rng): Float64Array {
  const weights = new Float64Array(items);
  let sum = 0;
  for (let i = 0; i < items; i++) {
    weights[i] = Math.exp(sigma * rng.normal());
    sum += weights[i];
  }
  for (let i = 0; i < items; i++) weights[i] /= sum;
  return weights;
}

/** Rating pairs grouped by user: user `u` owns `item[offsets[u] .. offsets[u + 1])`. */
export interface SampledPairs {
  readonly user: Int32Array;
  readonly item: Int32Array;
  readonly offsets: Int32Array;
}

/**
 * Walker's alias table: draws from a discrete distribution in O(1) with one uniform number,
 * which matters at millions of draws.
 */
interface AliasTable {
  readonly probability: Float64Array;
  readonly alias: Int32Array;
}

function createAliasTable(weights: Float64Array): AliasTable {
  const n = weights.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += weights[i];
  const probability = new Float64Array(n);
  const alias = new Int32Array(n);
  const small = new Int32Array(n);
  const large = new Int32Array(n);
  let nSmall = 0;
  let nLarge = 0;
  for (let i = 0; i < n; i++) {
    probability[i] = (weights[i] * n) / sum;
    if (probability[i] < 1) small[nSmall++] = i;
    else large[nLarge++] = i;
  }
  while (nSmall > 0 && nLarge > 0) {
    const s = small[--nSmall];
    const l = large[nLarge - 1];
    alias[s] = l;
    probability[l] += probability[s] - 1;
    if (probability[l] < 1) {
      nLarge--;
      small[nSmall++] = l;
    }
  }
  // Left-overs are 1 up to rounding error.
  while (nLarge > 0) probability[large[--nLarge]] = 1;
  while (nSmall > 0) probability[small[--nSmall]] = 1;
  return { probability, alias };
}

/**
 * For each user, `counts[u]` distinct items drawn by `popularity` without replacement.
 * Draws come from an alias table and a per-user stamp array rejects repeats; when repeats pile
 * up (a very active user has taken most of the popular mass), the rest of that user's items
 * come from an exact weighted sample of what is left (Efraimidis–Spirakis keys), so the cost
 * stays near one draw per rating.
 */
export function samplePairs(counts: Int32Array, popularity: Float64Array, rng: Rng): SampledPairs {
  const users = counts.length;
  const items = popularity.length;
  const offsets = new Int32Array(users + 1);
  for (let u = 0; u < users; u++) offsets[u + 1] = offsets[u] + counts[u];
  const total = offsets[users];
  const userOut = new Int32Array(total);
  const itemOut = new Int32Array(total);
  const { probability, alias } = createAliasTable(popularity);
  const stamp = new Int32Array(items);
  for (let u = 0; u < users; u++) {
    const start = offsets[u];
    const want = counts[u];
    const mark = u + 1;
    let got = 0;
    let misses = 0;
    const missBudget = 2 * want + 32;
    while (got < want && misses < missBudget) {
      const x = rng.next() * items;
      const column = Math.floor(x);
      const i = x - column < probability[column] ? column : alias[column];
      if (stamp[i] === mark) {
        misses++;
        continue;
      }
      stamp[i] = mark;
      itemOut[start + got] = i;
      got++;
    }
    if (got < want) {
      got += sampleRemaining(popularity, stamp, mark, want - got, itemOut, start + got, rng);
    }
    userOut.fill(u, start, start + want);
  }
  return { user: userOut, item: itemOut, offsets };
}

/** Exact weighted sampling without replacement of `want` unstamped items (Efraimidis–Spirakis). */
function sampleRemaining(
  popularity: Float64Array,
  stamp: Int32Array,
  mark: number,
  want: number,
  out: Int32Array,
  at: number,
  rng: Rng,
): number {
  const candidates: number[] = [];
  const keys: number[] = [];
  for (let i = 0; i < popularity.length; i++) {
    if (stamp[i] === mark) continue;
    candidates.push(i);
    // log(U)/w orders like U^(1/w) without underflow for tiny weights.
    keys.push(Math.log(1 - rng.next()) / Math.max(popularity[i], Number.MIN_VALUE));
  }
  const order = candidates.map((_, k) => k).sort((a, b) => keys[b] - keys[a]);
  for (let k = 0; k < want; k++) {
    const i = candidates[order[k]];
    stamp[i] = mark;
    out[at + k] = i;
  }
  return want;
}

/**
 * Makes every item rated at least once, keeping each user's count: an unrated item takes over
 * a random rating whose item has two or more. The taker cannot already rate the unrated item,
 * so pairs stay distinct. Works in place; returns how many ratings were moved.
 */
export function ensureEveryItemRated(pairs: SampledPairs, items: number, rng: Rng): number {
  const { item } = pairs;
  const perItem = new Int32Array(items);
  for (let r = 0; r < item.length; r++) perItem[item[r]]++;
  let moved = 0;
  for (let i = 0; i < items; i++) {
    if (perItem[i] > 0) continue;
    for (;;) {
      const r = rng.int(item.length);
      if (perItem[item[r]] < 2) continue;
      perItem[item[r]]--;
      item[r] = i;
      perItem[i] = 1;
      moved++;
      break;
    }
  }
  return moved;
}
