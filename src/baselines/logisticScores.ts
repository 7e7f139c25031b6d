/**
 * The "logistic" baseline of the paper: factors weighted most by an L2 logistic regression
 * of the group on the standardized factors come first.
 */

import {
  fitLogisticRegression,
  type LogisticConfig,
} from "../evaluate/classifiers/logisticRegression.js";
import type { RankingInput } from "./rankingInput.js";

/**
 * |coefficient| of each factor in an L2-regularized logistic regression (scikit-learn's
 * objective, C = 1 unless `config` says otherwise) fitted on the training rows. The factors
 * are always standardized first (`config.standardize` is ignored): a raw coefficient's size
 * depends on its factor's unit, so only standardized ones can be compared.
 */
export function logisticScores(
  input: RankingInput,
  config?: Partial<Omit<LogisticConfig, "standardize">>,
): Float64Array {
  const model = fitLogisticRegression(input.x, input.k, input.labels, input.rows, {
    ...config,
    standardize: true,
  });
  const scores = model.coefficients;
  for (let j = 0; j < scores.length; j++) scores[j] = Math.abs(scores[j]);
  return scores;
}
