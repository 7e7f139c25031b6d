/**
 * What every baseline factor ranking reads: the user-factor matrix, the binary group of each
 * user and which users are the training users. Rankings look at the training users only, so
 * no information leaks from the users a selection is later evaluated on.
 */

import { ConfigError } from "../errors.js";

/** Input of a factor ranking. Scores are computed on `rows` only. */
export interface RankingInput {
  /** Users × k row-major factor matrix (Float32Array or Float64Array). */
  readonly x: ArrayLike<number>;
  /** Number of factors (columns of `x`). */
  readonly k: number;
  /** Group of each user (length users): 1 = majority, 0 = minority. */
  readonly labels: Uint8Array;
  /** Indices of the training users, the only rows a ranking reads. */
  readonly rows: Int32Array;
}

/**
 * Checks the shape of `input` and returns the number of users. With `supervised`, also
 * checks that labels are 0/1 and that both groups occur among the training rows: a
 * supervised score has nothing to compare otherwise (and an unpenalized logistic intercept
 * has no finite optimum). Throws {@link ConfigError} naming `what`.
 */
export function checkRankingInput(input: RankingInput, what: string, supervised: boolean): number {
  const { x, k, labels, rows } = input;
  if (!Number.isInteger(k) || k < 1) {
    throw new ConfigError(`${what}: k must be an integer ≥ 1, got ${k}`);
  }
  if (x.length % k !== 0) {
    throw new ConfigError(`${what}: x has length ${x.length}, not a multiple of k = ${k}`);
  }
  const users = x.length / k;
  if (rows.length === 0) throw new ConfigError(`${what}: needs at least one training row`);
  for (let r = 0; r < rows.length; r++) {
    if (!(rows[r] >= 0 && rows[r] < users)) {
      throw new ConfigError(`${what}: row ${rows[r]} is outside 0..${users - 1}`);
    }
  }
  if (!supervised) return users;
  if (labels.length !== users) {
    throw new ConfigError(`${what}: labels has length ${labels.length} but x has ${users} rows`);
  }
  let positives = 0;
  for (let r = 0; r < rows.length; r++) {
    const label = labels[rows[r]];
    if (label > 1) throw new ConfigError(`${what}: label of row ${rows[r]} is ${label}, not 0/1`);
    positives += label;
  }
  if (positives === 0 || positives === rows.length) {
    throw new ConfigError(`${what}: the training rows must contain both groups (label 0 and 1)`);
  }
  return users;
}

/** The training rows of each group, in their original order. */
export interface RowsByGroup {
  /** Rows labelled 1. */
  readonly majority: Int32Array;
  /** Rows labelled 0. */
  readonly minority: Int32Array;
}

/** Splits `rows` by `labels[row]` (1 → majority, anything else → minority). */
export function splitRowsByGroup(labels: Uint8Array, rows: Int32Array): RowsByGroup {
  let positives = 0;
  for (let r = 0; r < rows.length; r++) if (labels[rows[r]] === 1) positives++;
  const majority = new Int32Array(positives);
  const minority = new Int32Array(rows.length - positives);
  let a = 0;
  let b = 0;
  for (let r = 0; r < rows.length; r++) {
    if (labels[rows[r]] === 1) majority[a++] = rows[r];
    else minority[b++] = rows[r];
  }
  return { majority, minority };
}
