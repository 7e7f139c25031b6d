/**
 * The MLN (paper §3) behind the experiments' classifier interface, so E3 can put it beside
 * the other classifiers on the same features and split.
 */

import { type ClassifierConfig, fitClassifier } from "../../nn/fitClassifier.js";
import { predictRows } from "../../nn/mlp.js";
import { type BinaryClassifier, checkClassifierData } from "./binaryClassifier.js";

/**
 * The MLN with one sigmoid output, trained on the training rows with early stopping on the
 * validation rows (see {@link fitClassifier} for `config` and its defaults); scores are the
 * sigmoid probabilities of class 1 on the test rows (threshold 0.5).
 */
export function mlnClassifier(config?: Partial<ClassifierConfig>): BinaryClassifier {
  return {
    name: "mln",
    threshold: 0.5,
    fitScore(data, rng) {
      checkClassifierData(data);
      const split = { train: data.train, validation: data.validation };
      const fitted = fitClassifier(data.x, [data.labels], split, config, rng);
      return predictRows(fitted.net, data.x, data.test);
    },
  };
}
