import { ConfigError } from "../../errors.js";
import type { ClassifierConfig } from "../../nn/fitClassifier.js";
import type { LocalizationConfig } from "../../unhide/localizationConfig.js";
import {
  type PenalizedLocalizationConfig,
  resolvePenalizedLocalizationConfig,
} from "../../unhide/penalizedArchetype.js";
import { withDefaults } from "../../util/defaults.js";
import {
  E3_CLASSIFIERS,
  PAPER_RANKING_METHODS,
  RANKING_METHODS,
  type RankingMethod,
} from "./types.js";

/** How the extra members of a DeepUnHide ensemble see the training users. */
export const ENSEMBLE_SAMPLINGS = ["bootstrap", "balanced", "none"] as const;

/** One of {@link ENSEMBLE_SAMPLINGS}. */
export type EnsembleSampling = (typeof ENSEMBLE_SAMPLINGS)[number];

/** The paper's §3 protocol, every number overridable. */
export interface ExperimentConfig {
  /** `full` (the defaults below) or `quick` (fewer seeds and Ns, for smoke tests). */
  readonly protocol: "full" | "quick";
  /** Seeds of E2, E3 and the stability check: the master seed, master + 1, … */
  readonly seeds: number;
  /** Rankings compared. DeepUnHide (`deepunhide`) must be among them. */
  readonly methods: readonly RankingMethod[];
  /** E1: numbers of factors (paper: 1..20). */
  readonly e1Ns: readonly number[];
  /** E2: numbers of factors (paper: 5, 10, 15, 20, 30, 40, 50, 60, 70). */
  readonly e2Ns: readonly number[];
  /** E3: number of factors (paper: 50). */
  readonly e3N: number;
  /** E3: classifiers (paper: logistic regression, SVM, random forest). */
  readonly e3Classifiers: readonly (typeof E3_CLASSIFIERS)[number][];
  /** E4: |K_m| = |K_M| (paper: 20). */
  readonly e4TopFactors: number;
  /** E4: minimum ratings of a listed item (paper: 75). */
  readonly e4MinRatings: number;
  /** E4: items per list (paper: 10). */
  readonly e4ListSize: number;
  /** Stability: size of the top-N sets compared across seeds. */
  readonly stabilityTopN: number;
  /** Worker threads (0 = run in this thread). Results do not depend on it. */
  readonly workers: number;
  /** The MLN's hyper-parameters in every experiment fit (as in the pipeline by default). */
  readonly classifier: Partial<ClassifierConfig>;
  /** Localization of the archetypes in every seed (as in the pipeline by default). */
  readonly localization: Partial<LocalizationConfig>;
  /**
   * Cap on the users of each paired seed (E2, E3, the stability check) and on those E1's
   * retrained networks learn from. With more users, each seed draws a stratified random
   * subsample of this many (a new one per seed, the same for every ranking and classifier of
   * the seed, so comparisons stay paired) and splits it 70/10/20. Every fit there costs at
   * least linear time in the users and the protocol makes hundreds: uncapped, the quick
   * protocol alone would take about an hour at MyAnimeList's 69,600 users. 10,000 users give
   * 2,000 test users per seed (a balanced-accuracy standard error under 0.012). The pipeline's
   * own network, archetypes, selection check and E4 always use every user.
   */
  readonly maxUsers: number;
  /**
   * Cap on the training users of the E3 classifiers whose fit costs grow faster than
   * linearly: the RBF SVM (LIBSVM's SMO is between quadratic and cubic in the training set) and
   * the random forest (fully grown trees: 0.6 s on 2,000 rows, 2.9 s on 7,000). Above it
   * they learn from a stratified random subsample of the seed's training users, the same
   * for every ranking and classifier (paired), and are scored on all the seed's test users.
   * 2,000 keeps one fit near a second (the RBF SVM took 85 ms at ML-100K's 660) and changes
   * nothing on data sets of up to about 2,800 users.
   */
  readonly maxSuperLinearTrainUsers: number;
  /**
   * Size of the MLN ensemble behind the `*-ensemble` DeepUnHide variants: the seed's MLN and
   * `ensembleMembers − 1` more. 30 by default, as the pipeline's relevancy: the contrast-IG
   * ensemble's top-20 Jaccard across classifier seeds on ML-100K goes from 0.54/0.81
   * (gender/age; 5 bootstrap members, 4 seeds) to 0.78/0.90 (15 members on the same users,
   * 10 seeds) and 0.82/0.91 (30 members, 10 seeds).
   */
  readonly ensembleMembers: number;
  /**
   * How the ensemble's extra members resample the training users: `bootstrap` (n draws with
   * replacement), `balanced` (a bootstrap with half of the draws from each group:
   * class-balanced training) or `none` (the same training users; only the initialization
   * and batch order differ, so the ensemble averages out the classifier's own randomness;
   * the default, the most stable for gender on ML-100K: 0.86 against 0.78 bootstrap and
   * 0.83 balanced with 15 members).
   */
  readonly ensembleSampling: EnsembleSampling;
  /** Settings of the `deepunhide-penalized*` archetypes (L2 penalty, starts). */
  readonly penalizedLocalization: Partial<PenalizedLocalizationConfig>;
}

const range = (from: number, to: number): number[] =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** The paper's protocol with 10 paired seeds. */
export const DEFAULT_EXPERIMENT_CONFIG: ExperimentConfig = Object.freeze({
  protocol: "full",
  seeds: 10,
  methods: PAPER_RANKING_METHODS,
  e1Ns: range(1, 20),
  e2Ns: [5, 10, 15, 20, 30, 40, 50, 60, 70],
  e3N: 50,
  e3Classifiers: E3_CLASSIFIERS,
  e4TopFactors: 20,
  e4MinRatings: 75,
  e4ListSize: 10,
  stabilityTopN: 20,
  workers: 2,
  classifier: {},
  localization: {},
  maxUsers: 10_000,
  maxSuperLinearTrainUsers: 2_000,
  ensembleMembers: 30,
  ensembleSampling: "none",
  penalizedLocalization: {},
}) as ExperimentConfig;

/**
 * A small version of the protocol for smoke tests: 3 seeds, a few Ns, and at scale at most
 * 3,000 users per seed, of whom at most 1,000 train the RBF SVM and the forest. The caps
 * change nothing up to about 1,400 users (ML-100K and the default synthetic data have 943)
 * and keep a
 * MyAnimeList-sized smoke test to minutes: with the full protocol's caps its evaluation
 * took 5.4 min on this project's 2-core machine.
 */
export const QUICK_EXPERIMENT_CONFIG: ExperimentConfig = Object.freeze({
  ...DEFAULT_EXPERIMENT_CONFIG,
  protocol: "quick",
  seeds: 3,
  e1Ns: [1, 3, 5, 10, 20],
  e2Ns: [5, 20, 50],
  maxUsers: 3_000,
  maxSuperLinearTrainUsers: 1_000,
}) as ExperimentConfig;

/**
 * Fills in defaults (of the quick protocol when `protocol` is `quick`) and validates against
 * the number of factors `k`. Ns larger than `k` are dropped with no error, so a small K
 * still runs. Throws {@link ConfigError} on a bad value.
 */
export function resolveExperimentConfig(
  partial: Partial<ExperimentConfig> = {},
  k: number,
): ExperimentConfig {
  const base = partial.protocol === "quick" ? QUICK_EXPERIMENT_CONFIG : DEFAULT_EXPERIMENT_CONFIG;
  const c = withDefaults(base, partial);
  const positiveInt = (name: string, value: number) => {
    if (!Number.isInteger(value) || value < 1) {
      throw new ConfigError(`experiments: ${name} must be a positive integer, got ${value}`);
    }
  };
  positiveInt("seeds", c.seeds);
  positiveInt("e4TopFactors", c.e4TopFactors);
  positiveInt("e4ListSize", c.e4ListSize);
  positiveInt("stabilityTopN", c.stabilityTopN);
  positiveInt("ensembleMembers", c.ensembleMembers);
  positiveInt("maxUsers", c.maxUsers);
  positiveInt("maxSuperLinearTrainUsers", c.maxSuperLinearTrainUsers);
  if (c.maxUsers < 10) {
    throw new ConfigError(
      `experiments: maxUsers must be at least 10 (a 70/10/20 split), got ${c.maxUsers}`,
    );
  }
  if (!Number.isInteger(c.workers) || c.workers < 0) {
    throw new ConfigError(`experiments: workers must be a non-negative integer, got ${c.workers}`);
  }
  if (!(ENSEMBLE_SAMPLINGS as readonly string[]).includes(c.ensembleSampling)) {
    throw new ConfigError(
      `experiments: ensembleSampling must be one of ${ENSEMBLE_SAMPLINGS.join(", ")}, got "${c.ensembleSampling}"`,
    );
  }
  resolvePenalizedLocalizationConfig(c.penalizedLocalization);
  if (!c.methods.includes("deepunhide")) {
    throw new ConfigError('experiments: the methods must include "deepunhide"');
  }
  for (const method of c.methods) {
    if (!(RANKING_METHODS as readonly string[]).includes(method)) {
      throw new ConfigError(
        `experiments: unknown ranking "${method}"; known: ${RANKING_METHODS.join(", ")}`,
      );
    }
  }
  for (const name of c.e3Classifiers) {
    if (!(E3_CLASSIFIERS as readonly string[]).includes(name)) {
      throw new ConfigError(
        `experiments: unknown classifier "${name}"; known: ${E3_CLASSIFIERS.join(", ")}`,
      );
    }
  }
  const withinK = (ns: readonly number[], name: string): number[] => {
    for (const n of ns) positiveInt(`${name} entries`, n);
    return ns.filter((n) => n <= k);
  };
  return {
    ...c,
    e1Ns: withinK(c.e1Ns, "e1Ns"),
    e2Ns: withinK(c.e2Ns, "e2Ns"),
    e3N: Math.min(c.e3N, k),
    e4TopFactors: Math.min(c.e4TopFactors, k),
    stabilityTopN: Math.min(c.stabilityTopN, k),
  };
}
