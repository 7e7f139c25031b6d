/**
 * The "variance" baseline of the paper: factors that vary most across users come first.
 * Unsupervised, so the labels are not read.
 */

import { columnMoments } from "../util/columnMoments.js";
import { checkRankingInput, type RankingInput } from "./rankingInput.js";

/** Population variance of each factor over the training rows (higher = more relevant). */
export function varianceScores(input: RankingInput): Float64Array {
  checkRankingInput(input, "varianceScores", false);
  return columnMoments(input.x, input.k, input.rows, 0).variance;
}
