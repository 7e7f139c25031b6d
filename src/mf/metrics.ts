/**
 * Accuracy of rating predictions, and the global-mean baseline every factorization RMSE
 * should be reported beside (DESIGN: honesty rules).
 */

import type { Ratings } from "../data/dataset.js";
import type { FactorModel } from "./factorModel.js";

/** Mean rating value (0 for no ratings). Accumulates in double precision. */
export function globalMean(ratings: Ratings): number {
  const { value } = ratings;
  let sum = 0;
  for (let r = 0; r < value.length; r++) sum += value[r];
  return value.length === 0 ? 0 : sum / value.length;
}

/**
 * Predicted rating p_u · q_i (unclipped, as PMF defines it).
 * @throws RangeError if `user` or `item` is not a row of the model.
 */
export function predictRating(model: FactorModel, user: number, item: number): number {
  checkIndex("user", user, model.userCount);
  checkIndex("item", item, model.itemCount);
  return dot(model.userFactors, user * model.k, model.itemFactors, item * model.k, model.k);
}

/**
 * Root mean squared error of the model's predictions p_u · q_i on `ratings` (NaN for no
 * ratings).
 * @throws RangeError if a rating's user or item is not a row of the model.
 */
export function rmse(ratings: Ratings, model: FactorModel): number {
  return rmseOfFactors(
    ratings,
    model.userFactors,
    model.itemFactors,
    model.k,
    model.userCount,
    model.itemCount,
  );
}

/**
 * {@link rmse} over raw factor matrices P (userCount × k) and Q (itemCount × k), row-major.
 * @throws RangeError if a rating's user or item index is out of range.
 */
export function rmseOfFactors(
  ratings: Ratings,
  userFactors: Float32Array,
  itemFactors: Float32Array,
  k: number,
  userCount: number,
  itemCount: number,
): number {
  const { user, item, value } = ratings;
  const n = value.length;
  let sse = 0;
  for (let r = 0; r < n; r++) {
    const u = user[r];
    const i = item[r];
    checkIndex("user", u, userCount);
    checkIndex("item", i, itemCount);
    const e = value[r] - dot(userFactors, u * k, itemFactors, i * k, k);
    sse += e * e;
  }
  return n === 0 ? Number.NaN : Math.sqrt(sse / n);
}

/** RMSE of predicting the constant `mean` for every rating (NaN for no ratings). */
export function globalMeanRmse(ratings: Ratings, mean: number): number {
  const { value } = ratings;
  let sse = 0;
  for (let r = 0; r < value.length; r++) {
    const e = value[r] - mean;
    sse += e * e;
  }
  return value.length === 0 ? Number.NaN : Math.sqrt(sse / value.length);
}

function dot(a: Float32Array, aStart: number, b: Float32Array, bStart: number, k: number): number {
  let s = 0;
  for (let j = 0; j < k; j++) s += a[aStart + j] * b[bStart + j];
  return s;
}

function checkIndex(kind: string, index: number, count: number): void {
  if (!(Number.isInteger(index) && index >= 0 && index < count)) {
    throw new RangeError(`${kind} index ${index} outside [0, ${count})`);
  }
}
