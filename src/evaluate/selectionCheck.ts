import { type ClassifierConfig, fitClassifier } from "../nn/fitClassifier.js";
import { predictProba } from "../nn/mlp.js";
import { gather, selectColumns } from "../util/columns.js";
import { permutation, type Rng } from "../util/rng.js";
import { type BinaryClassificationReport, binaryClassificationReport } from "./metrics.js";

/** Inputs of {@link checkSelection}. */
export interface SelectionCheckInput {
  /** Users × k factor matrix, row-major. */
  readonly factors: ArrayLike<number>;
  readonly userCount: number;
  readonly k: number;
  /** 1 = majority, 0 = minority, per user. */
  readonly labels: Uint8Array;
  readonly split: {
    readonly train: Int32Array;
    readonly validation: Int32Array;
    readonly test: Int32Array;
  };
  /** Factor indices, most relevant first. */
  readonly ranking: ArrayLike<number>;
  /** How many factors to keep. */
  readonly n: number;
  /** Test balanced accuracy of the classifier on all k factors. */
  readonly allFactorsBalancedAccuracy: number;
  /** How many random N-subsets to compare against (0 to skip). */
  readonly randomDraws: number;
  readonly classifier: Partial<ClassifierConfig>;
}

/** The selection check: top-N factors against all factors and against random N-subsets. */
export interface SelectionCheck {
  readonly n: number;
  /** The N factors kept, most relevant first. */
  readonly factors: Int32Array;
  /** The MLN retrained on the N factors, on the test users. */
  readonly test: BinaryClassificationReport;
  /** Top-N test balanced accuracy divided by the all-factor one. */
  readonly retainedBalancedAccuracy: number;
  /**
   * The same ratio measured above chance, (top-N − 0.5) / (all − 0.5): the share of the
   * all-factor margin over a coin flip that the N factors keep. Near-chance classifiers make
   * the plain ratio look good; this one does not flatter them.
   */
  readonly retainedAboveChance: number;
  /** The MLN retrained on random N-subsets (same split, same initialization seed). */
  readonly random: {
    readonly draws: number;
    readonly balancedAccuracy: number[];
    readonly mean: number;
    readonly std: number;
  };
  /**
   * Whether the top-N balanced accuracy exceeds the random mean by more than two standard
   * deviations of the random draws. A screening heuristic, not a test.
   */
  readonly beatsRandom: boolean;
}

/**
 * Retrains the classifier on the N most relevant factors and on random N-subsets, and
 * compares their test balanced accuracy with the all-factor classifier's. Every fit uses the
 * same user split and the same initialization stream, so the comparison is paired on both.
 */
export function checkSelection(input: SelectionCheckInput, rng: Rng): SelectionCheck {
  const { split, labels } = input;
  const trainLabels = gather(labels, split.train);
  const testLabels = gather(labels, split.test);
  const classifierRng = rng.fork("classifier");
  const evaluate = (chosen: ArrayLike<number>): BinaryClassificationReport => {
    const narrow = selectColumns(input.factors, input.userCount, input.k, chosen);
    const fitted = fitClassifier(narrow, [labels], split, input.classifier, classifierRng);
    const scores = predictProba(fitted.net, narrow, input.userCount);
    return binaryClassificationReport(testLabels, gather(scores, split.test), trainLabels);
  };
  const n = Math.min(input.n, input.k);
  const factors = Int32Array.from({ length: n }, (_, i) => input.ranking[i]);
  const test = evaluate(factors);
  const subsetRng = rng.fork("random-subsets");
  const randomScores: number[] = [];
  for (let d = 0; d < input.randomDraws; d++) {
    randomScores.push(evaluate(permutation(input.k, subsetRng).subarray(0, n)).balancedAccuracy);
  }
  const mean = randomScores.reduce((a, b) => a + b, 0) / Math.max(1, randomScores.length);
  const std =
    randomScores.length > 1
      ? Math.sqrt(randomScores.reduce((a, b) => a + (b - mean) ** 2, 0) / (randomScores.length - 1))
      : Number.NaN;
  const all = input.allFactorsBalancedAccuracy;
  return {
    n,
    factors,
    test,
    retainedBalancedAccuracy: test.balancedAccuracy / all,
    retainedAboveChance: (test.balancedAccuracy - 0.5) / (all - 0.5),
    random: { draws: randomScores.length, balancedAccuracy: randomScores, mean, std },
    beatsRandom: randomScores.length > 1 && test.balancedAccuracy > mean + 2 * std,
  };
}
