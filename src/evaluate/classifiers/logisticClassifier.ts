/**
 * Logistic regression (paper §3.3, E3) behind the experiments' classifier interface. The
 * model itself lives in `logisticRegression.ts`.
 */

import { type BinaryClassifier, checkClassifierData } from "./binaryClassifier.js";
import {
  fitLogisticRegression,
  type LogisticConfig,
  predictLogistic,
} from "./logisticRegression.js";

/**
 * Logistic regression ({@link fitLogisticRegression}, its defaults) fitted on the training
 * rows (validation rows unused); scores are probabilities of class 1 on the test rows
 * (threshold 0.5). Deterministic: `rng` is unused.
 */
export function logisticClassifier(config?: Partial<LogisticConfig>): BinaryClassifier {
  return {
    name: "logistic",
    threshold: 0.5,
    fitScore(data) {
      checkClassifierData(data);
      const model = fitLogisticRegression(data.x, data.width, data.labels, data.train, config);
      return predictLogistic(model, data.x, data.width, data.test);
    },
  };
}
