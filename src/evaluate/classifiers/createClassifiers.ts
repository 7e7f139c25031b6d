/**
 * Builds every classifier of the experiments at once. Asynchronous only because libsvm's
 * WebAssembly must be loaded; it is loaded once per process (per worker thread), after
 * which every fit is synchronous.
 */

import type { ClassifierConfig } from "../../nn/fitClassifier.js";
import type { ClassifierName } from "../experiments/types.js";
import type { BinaryClassifier } from "./binaryClassifier.js";
import { loadLibsvm } from "./libsvm.js";
import { type LinearSvmConfig, linearSvmClassifier } from "./linearSvm.js";
import { logisticClassifier } from "./logisticClassifier.js";
import type { LogisticConfig } from "./logisticRegression.js";
import { mlnClassifier } from "./mlnClassifier.js";
import { type RandomForestConfig, randomForestClassifier } from "./randomForest.js";
import { type SvmConfig, svmClassifier } from "./svm.js";

/** Per-method settings; anything left out takes that method's defaults. */
export interface ClassifiersConfig {
  readonly mln?: Partial<ClassifierConfig>;
  readonly logistic?: Partial<LogisticConfig>;
  /** The RBF SVM (LIBSVM). */
  readonly svm?: Partial<SvmConfig>;
  /** The linear SVM (dual coordinate descent, see `fitLinearSvm`). */
  readonly linearSvm?: Partial<LinearSvmConfig>;
  readonly randomForest?: Partial<RandomForestConfig>;
}

/**
 * The five classifiers (MLN, logistic regression, linear SVM, RBF SVM, random forest),
 * keyed by name. Invalid settings throw a `ConfigError` here rather than at the first fit.
 */
export async function createClassifiers(
  config: ClassifiersConfig = {},
): Promise<ReadonlyMap<ClassifierName, BinaryClassifier>> {
  const libsvm = await loadLibsvm();
  const classifiers: BinaryClassifier[] = [
    mlnClassifier(config.mln),
    logisticClassifier(config.logistic),
    linearSvmClassifier(config.linearSvm),
    svmClassifier(libsvm, "rbf", config.svm),
    randomForestClassifier(config.randomForest),
  ];
  return new Map(classifiers.map((c) => [c.name, c]));
}
