import { projectPca } from "../../baselines/pca.js";
import { fitClassifier } from "../../nn/fitClassifier.js";
import { predictRows } from "../../nn/mlp.js";
import { gather, selectColumns } from "../../util/columns.js";
import { createRng, type Rng } from "../../util/rng.js";
import type { BinaryClassifier } from "../classifiers/binaryClassifier.js";
import { binaryClassificationReport, majorityFloor } from "../metrics.js";
import { stratifiedSplit, stratifiedSubsample, type UserSplit } from "../stratifiedSplit.js";
import { unhideSeed } from "./classifierSeedRun.js";
import type { ExperimentConfig } from "./experimentConfig.js";
import { computeFactorRankings, type FactorRankings } from "./factorRankings.js";
import type { ClassifierName, RankingMethod } from "./types.js";

/** The three metrics of one fit on the test users. */
export interface FitMetrics {
  readonly accuracy: number;
  readonly balancedAccuracy: number;
  readonly auc: number;
}

/** What one seed of one attribute contributes to E2, E3 and the stability check. */
export interface SeedOutcome {
  readonly attribute: string;
  readonly seed: number;
  readonly majorityFloor: number;
  readonly allFactors: FitMetrics;
  readonly e2: {
    readonly method: RankingMethod;
    readonly n: number;
    readonly metrics: FitMetrics;
  }[];
  readonly e3: {
    readonly classifier: ClassifierName;
    readonly method: RankingMethod;
    readonly metrics: FitMetrics;
  }[];
  /** DeepUnHide's factor order in this seed. */
  readonly deepunhideOrder: number[];
  /** Every compared ranking's order of original factors in this seed (its first `stabilityTopN`). */
  readonly orders: Readonly<Partial<Record<RankingMethod, number[]>>>;
  readonly warnings: string[];
  /**
   * Thread milliseconds: `setup` (split, all-factor MLN, archetypes, rankings), `e2`, and
   * `e3.<classifier>` for each E3 classifier.
   */
  readonly timings: Readonly<Record<string, number>>;
}

/** The data every seed shares. */
export interface SeedContext {
  /** Users × k factor matrix, row-major. */
  readonly factors: Float32Array;
  readonly users: number;
  readonly k: number;
  readonly config: ExperimentConfig;
}

/**
 * One paired seed of the protocol for one attribute: a fresh stratified 70/10/20 user split,
 * the all-factor MLN, its archetypes and profile, every ranking on the training users, then
 * E2 (the MLN on each ranking's top N, for every N) and E3 (other classifiers at one N).
 * Within the seed every method sees the same split and every fit of a given width starts
 * from the same initialization stream, so differences between methods are paired.
 */
export function runSeed(
  context: SeedContext,
  attribute: string,
  labels: Uint8Array,
  seed: number,
  classifiers: ReadonlyMap<ClassifierName, BinaryClassifier>,
): SeedOutcome {
  const { factors, users, k, config } = context;
  const started = performance.now();
  const rng = createRng(seed);
  const split = seedSplit(labels, users, config.maxUsers, rng);
  const { train, validation, test } = split;
  const classifierConfig = { ...config.classifier, trackTrainingMetrics: false };
  const trainLabels = gather(labels, train);
  const testLabels = gather(labels, test);
  const measure = (scores: Float64Array, threshold = 0.5): FitMetrics => {
    const r = binaryClassificationReport(testLabels, scores, trainLabels, threshold);
    return { accuracy: r.accuracy, balancedAccuracy: r.balancedAccuracy, auc: r.auc };
  };
  const mln = (x: ArrayLike<number>): Float64Array => {
    const fitted = fitClassifier(
      x as Float64Array,
      [labels],
      split,
      classifierConfig,
      rng.fork("classifier"),
    );
    return predictRows(fitted.net, x, test);
  };

  const all = fitClassifier(factors, [labels], split, classifierConfig, rng.fork("classifier"));
  const allFactors = measure(predictRows(all.net, factors, test));
  const { archetypes, profile, variants } = unhideSeed(context, labels, split, all.net, rng);
  const rankings = computeFactorRankings(
    { x: factors, k, labels, rows: train },
    profile,
    config.methods,
    rng.fork("rankings"),
    variants,
  );
  const features = (method: RankingMethod, n: number): Float64Array =>
    featuresOf(rankings, method, n, factors, users, k);

  const setupDone = performance.now();
  const e2: SeedOutcome["e2"] = [];
  for (const n of config.e2Ns) {
    for (const method of config.methods)
      e2.push({ method, n, metrics: measure(mln(features(method, n))) });
  }
  const timings: Record<string, number> = {
    setup: setupDone - started,
    e2: performance.now() - setupDone,
  };
  const e3: SeedOutcome["e3"] = [];
  for (const name of config.e3Classifiers) {
    const classifier = classifiers.get(name);
    if (classifier === undefined) continue;
    const classifierStart = performance.now();
    const classifierTrain = classifier.superLinear
      ? stratifiedSubsample(labels, train, config.maxSuperLinearTrainUsers, rng.fork("e3-train"))
      : train;
    for (const method of config.methods) {
      const x = features(method, config.e3N);
      const scores = classifier.fitScore(
        { x, width: config.e3N, labels, train: classifierTrain, validation, test },
        rng.fork(`e3-${name}`),
      );
      e3.push({ classifier: name, method, metrics: measure(scores, classifier.threshold) });
    }
    timings[`e3.${name}`] = performance.now() - classifierStart;
  }
  const warnings = [...archetypes.majority.warnings, ...archetypes.minority.warnings].map(
    (w) => `${attribute}, seed ${seed}: ${w}`,
  );
  return {
    attribute,
    seed,
    majorityFloor: majorityFloor(testLabels, trainLabels),
    allFactors,
    e2,
    e3,
    deepunhideOrder: Array.from(profile.ranking),
    orders: Object.fromEntries(
      [...rankings.orders].map(([method, order]) => [
        method,
        Array.from(order.subarray(0, config.stabilityTopN)),
      ]),
    ),
    warnings,
    timings,
  };
}

/**
 * The seed's stratified 70/10/20 user split; with more than `maxUsers` users, of a stratified
 * random subsample of that many (drawn from the `users` fork, so the split of a data set
 * under the cap is the same as without one).
 */
function seedSplit(labels: Uint8Array, users: number, maxUsers: number, rng: Rng): UserSplit {
  const everyone = Int32Array.from({ length: users }, (_, u) => u);
  const kept = stratifiedSubsample(labels, everyone, maxUsers, rng.fork("users"));
  const parts = stratifiedSplit(gather(labels, kept), [0.7, 0.1, 0.2], rng.fork("split"));
  const [train, validation, test] = parts.map((part) =>
    kept === everyone ? part : gather(kept, part),
  );
  return { train, validation, test };
}

/** The N features a method gives each user: its top-N factors, or the leading N PCA components. */
export function featuresOf(
  rankings: FactorRankings,
  method: RankingMethod,
  n: number,
  factors: ArrayLike<number>,
  users: number,
  k: number,
): Float64Array {
  if (method === "pca-components") return projectPca(rankings.pca, factors, users, n);
  const order = rankings.orders.get(method);
  if (order === undefined) throw new Error(`no ranking computed for "${method}"`);
  return selectColumns(factors, users, k, order.subarray(0, n));
}
