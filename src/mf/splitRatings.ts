/**
 * Random hold-out of ratings for measuring how well a factorization generalizes (the paper's
 * 80/20 protocol), with the guarantee a factor model needs: every user and item that has a
 * rating keeps at least one in train, so none of them is scored from untrained factors.
 */

import type { Ratings } from "../data/dataset.js";
import { ConfigError } from "../errors.js";
import { permutation, type Rng } from "../util/rng.js";

/** A train/test partition of ratings. */
export interface RatingSplit {
  /** Ratings to fit on. */
  readonly train: Ratings;
  /** Held-out ratings, disjoint from `train`. */
  readonly test: Ratings;
}

/**
 * Splits ratings at random into train and test.
 *
 * A uniformly random `round(testFraction × n)` ratings are drawn for test. Then, walking
 * those in the drawn order, any rating whose user or item would otherwise have no rating in
 * train is moved back to train. The test set can therefore end up slightly smaller than
 * requested (on MovieLens 100K at 20 % only a handful of ratings move). Both parts keep the
 * ratings in their original order, so the result depends only on the data and the seed.
 *
 * @param ratings - the ratings to split; not modified.
 * @param testFraction - requested share of ratings held out, in [0, 1).
 * @param rng - seeded stream; same seed, same split.
 * @throws ConfigError if `testFraction` is outside [0, 1).
 */
export function splitRatings(ratings: Ratings, testFraction: number, rng: Rng): RatingSplit {
  if (!(testFraction >= 0 && testFraction < 1)) {
    throw new ConfigError(`test fraction must be in [0, 1), got ${testFraction}`);
  }
  const n = ratings.value.length;
  const isTest = drawTestMask(n, Math.round(testFraction * n), rng);
  // The drawn order is replayed so that which ratings move back is also seed-determined.
  keepEveryIndexInTrain(ratings, isTest);
  return { train: selectRatings(ratings, isTest, 0), test: selectRatings(ratings, isTest, 1) };
}

/** Marks `testCount` uniformly chosen positions; `mask[r] = order + 1` records draw order. */
function drawTestMask(n: number, testCount: number, rng: Rng): Int32Array {
  const order = permutation(n, rng);
  const mask = new Int32Array(n);
  for (let t = 0; t < testCount; t++) mask[order[t]] = t + 1;
  return mask;
}

/**
 * Moves test ratings back to train (in draw order) until every user and item that appears
 * anywhere has at least one train rating. Rewrites `mask` to 0 = train, 1 = test.
 */
function keepEveryIndexInTrain(ratings: Ratings, mask: Int32Array): void {
  const { user, item } = ratings;
  const n = mask.length;
  const userTrain = new Int32Array(maxIndex(user) + 1);
  const itemTrain = new Int32Array(maxIndex(item) + 1);
  const drawn: number[] = [];
  for (let r = 0; r < n; r++) {
    if (mask[r] === 0) {
      userTrain[user[r]]++;
      itemTrain[item[r]]++;
    } else {
      drawn.push(r);
    }
  }
  drawn.sort((a, b) => mask[a] - mask[b]);
  for (const r of drawn) {
    if (userTrain[user[r]] === 0 || itemTrain[item[r]] === 0) {
      mask[r] = 0;
      userTrain[user[r]]++;
      itemTrain[item[r]]++;
    } else {
      mask[r] = 1;
    }
  }
}

function maxIndex(indices: Int32Array): number {
  let max = -1;
  for (let r = 0; r < indices.length; r++) if (indices[r] > max) max = indices[r];
  return max;
}

/** Copies the ratings whose mask equals `want`, in original order. */
function selectRatings(ratings: Ratings, mask: Int32Array, want: 0 | 1): Ratings {
  let count = 0;
  for (let r = 0; r < mask.length; r++) if (mask[r] === want) count++;
  const user = new Int32Array(count);
  const item = new Int32Array(count);
  const value = new Float32Array(count);
  let w = 0;
  for (let r = 0; r < mask.length; r++) {
    if (mask[r] !== want) continue;
    user[w] = ratings.user[r];
    item[w] = ratings.item[r];
    value[w] = ratings.value[r];
    w++;
  }
  return { user, item, value };
}
