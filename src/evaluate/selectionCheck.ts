import type { UserSplit } from "./stratifiedSplit.js";
/**
 * Does the profile's ranking carry the signal? Retrains the classifier on the top-N factors
 * and on random N-subsets, so a selection is judged against chance, not only against itself.
 */

import { type ClassifierConfig, fitClassifier } from "../nn/fitClassifier.js";
import { predictRows } from "../nn/mlp.js";
import { gather, selectColumns } from "../util/columns.js";
import { permutation, type Rng } from "../util/rng.js";
import { type BinaryClassificationReport, binaryClassificationReport } from "./metrics.js";

/** Inputs of {@link checkSelection}. */
export interface SelectionCheckInput {
  /** Users × k factor matrix, row-major. */
  readonly factors: ArrayLike<number>;
  /** Rows of `factors`. */
  readonly userCount: number;
  /** Columns of `factors`. */
  readonly k: number;
  /** 1 = majority, 0 = minority, per user. */
  readonly labels: Uint8Array;
  /** The user split of the all-factor classifier, reused so every comparison is paired. */
  readonly split: UserSplit;
  /** Factor indices, most relevant first. */
  readonly ranking: ArrayLike<number>;
  /** How many factors to keep. */
  readonly n: number;
  /** Test balanced accuracy of the classifier on all k factors. */
  readonly allFactorsBalancedAccuracy: number;
  /** How many random N-subsets to compare against (0 to skip). */
  readonly randomDraws: number;
  /** Classifier settings, the same as for the all-factor classifier. */
  readonly classifier: Partial<ClassifierConfig>;
}

/** The selection check: top-N factors against all factors and against random N-subsets. */
export interface SelectionCheck {
  /** N actually used: the requested N, capped at k. */
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
    /** Number of random subsets evaluated. */
    readonly draws: number;
    /** Test balanced accuracy of each random subset, in draw order. */
    readonly balancedAccuracy: number[];
    /** Mean of `balancedAccuracy`; NaN without draws. */
    readonly mean: number;
    /** Sample standard deviation of `balancedAccuracy`; NaN with fewer than two draws. */
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
    const scores = predictRows(fitted.net, narrow, split.test);
    return binaryClassificationReport(testLabels, scores, trainLabels);
  };
  const n = Math.min(input.n, input.k);
  const factors = Int32Array.from({ length: n }, (_, i) => input.ranking[i]);
  const test = evaluate(factors);
  const subsetRng = rng.fork("random-subsets");
  const randomScores: number[] = [];
  for (let d = 0; d < input.randomDraws; d++) {
    randomScores.push(evaluate(permutation(input.k, subsetRng).subarray(0, n)).balancedAccuracy);
  }
  // No draws means no random baseline: NaN (null in JSON), not a mean of 0 that reads as
  // "random subsets score 0".
  const mean =
    randomScores.length > 0
      ? randomScores.reduce((a, b) => a + b, 0) / randomScores.length
      : Number.NaN;
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
    // Undefined when the all-factor classifier is itself at chance: there is no margin to keep.
    retainedAboveChance:
      all - 0.5 > 0.01 ? (test.balancedAccuracy - 0.5) / (all - 0.5) : Number.NaN,
    random: { draws: randomScores.length, balancedAccuracy: randomScores, mean, std },
    beatsRandom: randomScores.length > 1 && test.balancedAccuracy > mean + 2 * std,
  };
}
