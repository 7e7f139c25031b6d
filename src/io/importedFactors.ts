/**
 * The one shape every factor importer produces, whatever the engine that trained the factors
 * (CSV, NumPy `.npy`/`.npz`, a Spark `ALSModel` folder), and the checks they share.
 */

import { DataFormatError } from "../errors.js";
import type { FactorModel } from "../mf/factorModel.js";

/** The factor formats deepunhide reads and writes. */
export const FACTOR_FORMATS = ["csv", "npy", "npz", "spark"] as const;

/** One of {@link FACTOR_FORMATS}. */
export type FactorFormat = (typeof FACTOR_FORMATS)[number];

/** User and item factors read from another engine's files, with their ids when the files carry them. */
export interface ImportedFactors {
  /** Original user id of each row of P; `undefined` when the format has no ids (`.npy`, `.npz`). */
  readonly userIds: string[] | undefined;
  /** Original item id of each row of Q; `undefined` when the format has no ids. */
  readonly itemIds: string[] | undefined;
  /** P and Q, row-major, float32. Rows may still hold NaN or ±Inf (see `dropNonFiniteRows`). */
  readonly factors: FactorModel;
}

/** One side (users or items) of a factor file: a row-major matrix and, maybe, the row ids. */
export interface FactorSide {
  /** The file the side was read from, named in errors. */
  readonly file: string;
  /** Row ids, when the file has them. */
  readonly ids: string[] | undefined;
  /** Rows × k values, row-major. */
  readonly values: Float32Array;
  readonly rows: number;
  /** Columns (the rank); 0 for a file without rows whose rank is unknown. */
  readonly k: number;
}

/**
 * Joins a user side and an item side into {@link ImportedFactors}.
 * @throws DataFormatError naming both files when their ranks differ.
 */
export function joinFactorSides(users: FactorSide, items: FactorSide): ImportedFactors {
  if (users.k !== items.k) {
    throw new DataFormatError(
      { file: users.file },
      `rank mismatch: the user factors have ${users.k} columns, the item factors in ${items.file} have ${items.k}`,
    );
  }
  return {
    userIds: users.ids,
    itemIds: items.ids,
    factors: {
      k: users.k,
      userCount: users.rows,
      itemCount: items.rows,
      userFactors: users.values,
      itemFactors: items.values,
    },
  };
}

/**
 * Throws a {@link DataFormatError} naming the file and both ids if an id occurs twice: two
 * factor rows for one user cannot both be hers.
 */
export function checkUniqueIds(ids: readonly string[], file: string, what: string): void {
  const seen = new Map<string, number>();
  for (let row = 0; row < ids.length; row++) {
    const first = seen.get(ids[row]);
    if (first !== undefined) {
      throw new DataFormatError(
        { file },
        `${what} id "${ids[row]}" appears twice (rows ${first + 1} and ${row + 1})`,
      );
    }
    seen.set(ids[row], row);
  }
}
