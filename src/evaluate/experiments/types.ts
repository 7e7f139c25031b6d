/**
 * The numbers behind the paper's §3 experiments (E1–E4) and the stability check, as they
 * appear in `results.json` under `experiments`. Plain JSON-ready data: numbers, strings,
 * arrays. NaN values serialize as null.
 */

/**
 * The factor rankings of the paper's evaluation (the default set compared).
 * `pca-components` is an extraction, not a selection.
 */
export const PAPER_RANKING_METHODS = [
  "deepunhide",
  "deepunhide-per-group",
  "logistic",
  "entropy",
  "variance",
  "pca-loadings",
  "pca-components",
  "centroid",
  "random",
] as const;

/**
 * Variants of DeepUnHide's relevancy (issue 7), opt-in through `methods`; `deepunhide` stays
 * the paper's method.
 * - `deepunhide-scaled`: |p_M − p_m| per factor in units of the factor's spread, no min–max;
 * - `deepunhide-ensemble`: the paper's relevancy averaged over an ensemble of MLNs;
 * - `deepunhide-scaled-ensemble`: the scaled relevancy averaged over the ensemble;
 * - `deepunhide-gradient`: the logit's input gradient averaged over the training users × spread;
 * - `deepunhide-gradient-ensemble`: the gradient relevancy averaged over the ensemble.
 * - `deepunhide-contrast-ig`: per factor |mean integrated gradient of the minority training
 *   users − that of the majority users| of the logit, baseline the training mean (the share
 *   of the network's separation of the groups each factor carries);
 * - `deepunhide-contrast-ig-ensemble`: the same averaged over the ensemble;
 * - `deepunhide-contrast-ig-rank-ensemble`: the same aggregated by mean rank over the ensemble;
 * - `deepunhide-penalized`: |u_M − u_m| of archetypes found by the contrastive objective
 *   ±z(p) with an L2 penalty on p in standard deviations from the training mean, best of
 *   three starts (mean, noise, group centroid);
 * - `deepunhide-penalized-ensemble`: the penalized relevancy averaged over the ensemble.
 * The ensemble is the seed's MLN plus `ensembleMembers − 1` MLNs trained on bootstrap
 * resamples of the training users (class-balanced ones with `ensembleSampling: "balanced"`)
 * from other initialization streams.
 */
export const DEEPUNHIDE_VARIANTS = [
  "deepunhide-scaled",
  "deepunhide-ensemble",
  "deepunhide-scaled-ensemble",
  "deepunhide-gradient",
  "deepunhide-gradient-ensemble",
  "deepunhide-contrast-ig",
  "deepunhide-contrast-ig-ensemble",
  "deepunhide-contrast-ig-rank-ensemble",
  "deepunhide-penalized",
  "deepunhide-penalized-ensemble",
] as const;

/** Every known factor ranking. */
export const RANKING_METHODS = [...PAPER_RANKING_METHODS, ...DEEPUNHIDE_VARIANTS] as const;

/** One of {@link DEEPUNHIDE_VARIANTS}. */
export type DeepUnhideVariant = (typeof DEEPUNHIDE_VARIANTS)[number];

/** One of {@link RANKING_METHODS}. */
export type RankingMethod = (typeof RANKING_METHODS)[number];

/** The classifiers of E3 (the MLN is E2's). */
export const E3_CLASSIFIERS = ["logistic", "svm-linear", "svm-rbf", "random-forest"] as const;

/** One of {@link E3_CLASSIFIERS}, or `mln`. */
export type ClassifierName = (typeof E3_CLASSIFIERS)[number] | "mln";

/** A metric measured over seeds. */
export interface SeedSummary {
  /** One value per seed, in seed order. */
  readonly values: number[];
  readonly mean: number;
  /** Sample standard deviation (n − 1); NaN for one seed. */
  readonly std: number;
}

/** The three classification metrics, each over seeds. */
export interface MetricSummaries {
  readonly accuracy: SeedSummary;
  readonly balancedAccuracy: SeedSummary;
  readonly auc: SeedSummary;
}

/** Outcome of a paired comparison: a claim is made only where the interval excludes zero. */
export type Verdict = "wins" | "ties" | "loses";

/**
 * DeepUnHide minus another method, paired by seed (same user split, same initialization):
 * the mean difference with a two-sided 95% Student-t confidence interval.
 */
export interface PairedComparison {
  readonly against: RankingMethod;
  readonly metric: "accuracy" | "balancedAccuracy" | "auc";
  readonly meanDifference: number;
  readonly ciLow: number;
  readonly ciHigh: number;
  /** Number of paired seeds. */
  readonly n: number;
  /** `wins` when ciLow > 0, `loses` when ciHigh < 0, else `ties`. */
  readonly verdict: Verdict;
}

/** E1 (paper §3.1, Fig. 12): the archetypal users classified from their top-N factors. */
export interface E1Row {
  readonly method: RankingMethod;
  readonly n: number;
  /** `zeroed`: original network, non-selected inputs set to 0; `retrained`: MLN retrained on the N factors. */
  readonly mode: "zeroed" | "retrained";
  /** Classifier output (probability of the majority group) for the majority archetype. */
  readonly majorityScore: number;
  /** Classifier output for the minority archetype. */
  readonly minorityScore: number;
  /** majorityScore > 0.5. */
  readonly majorityCorrect: boolean;
  /** minorityScore < 0.5. */
  readonly minorityCorrect: boolean;
}

/** E1 for one attribute. */
export interface E1Result {
  readonly ns: number[];
  readonly rows: E1Row[];
}

/** E2 (paper §3.2, Fig. 13): the MLN retrained on the top-N factors of every ranking. */
export interface E2Result {
  readonly ns: number[];
  readonly seeds: number;
  /** Per method and N, metrics over seeds on the test users. */
  readonly cells: {
    readonly method: RankingMethod;
    readonly n: number;
    readonly metrics: MetricSummaries;
  }[];
  /** The MLN on all K factors, over the same seeds. */
  readonly allFactors: MetricSummaries;
  /** Accuracy of always answering the training majority, over seeds. */
  readonly majorityFloor: SeedSummary;
  /** DeepUnHide against every other method, per N and metric. */
  readonly comparisons: (PairedComparison & { readonly n: number })[];
  /**
   * Each compared DeepUnHide variant (issue 7) against the paper's method and every
   * baseline, per N and metric (`meanDifference` = variant − `against`); absent without variants.
   */
  readonly variantComparisons?: (PairedComparison & {
    readonly variant: RankingMethod;
    readonly n: number;
  })[];
}

/** E3 (paper §3.3, Fig. 14): other classifiers at one N. */
export interface E3Result {
  readonly n: number;
  readonly seeds: number;
  readonly cells: {
    readonly classifier: ClassifierName;
    readonly method: RankingMethod;
    readonly metrics: MetricSummaries;
  }[];
  readonly comparisons: (PairedComparison & { readonly classifier: ClassifierName })[];
  /** As E2's `variantComparisons`, per classifier. */
  readonly variantComparisons?: (PairedComparison & {
    readonly variant: RankingMethod;
    readonly classifier: ClassifierName;
  })[];
}

/** One item listed by E4. */
export interface E4Item {
  /** Original item id. */
  readonly item: string;
  readonly title: string;
  /** w_m(i) for the minority list, w_M(i) for the majority list. */
  readonly weight: number;
  /** Number of ratings of the item. */
  readonly ratings: number;
  /** Share of the item's ratings given by minority-group users. */
  readonly minorityShare: number;
}

/** E4 (paper §3.4): the items that most represent each group, and a check the paper lacks. */
export interface E4Result {
  /** |K_m| = |K_M|: top factors of each archetype used in the weights. */
  readonly topFactors: number;
  /** Only items with at least this many ratings are eligible. */
  readonly minRatings: number;
  readonly eligibleItems: number;
  /** Share of all ratings given by minority-group users. */
  readonly datasetMinorityShare: number;
  /** Top items by w_m(i). */
  readonly minorityItems: E4Item[];
  /** Top items by w_M(i). */
  readonly majorityItems: E4Item[];
  /** Spearman correlation, over eligible items, between w_m(i) − w_M(i) and the minority share. */
  readonly spearman: number;
}

/** Stability of the DeepUnHide top-N across classifier seeds. */
export interface StabilityResult {
  readonly topN: number;
  readonly seeds: number;
  /** Jaccard overlap of the top-N DeepUnHide factors over all pairs of seeds. */
  readonly deepunhide: SeedSummary;
  /** Jaccard overlap of pairs of random top-N sets (the chance level). */
  readonly random: SeedSummary;
  /**
   * The same overlap for every compared ranking of original factors, when measured, across
   * the paired seeds: each seed draws a new user split AND new classifier randomness.
   */
  readonly byMethod?: Readonly<Partial<Record<RankingMethod, SeedSummary>>>;
  /**
   * Across classifier seeds only (issue 7): the split of the first seed kept, the MLN, its
   * archetypes and every variant's ensemble retrained from each seed; for the DeepUnHide
   * rankings (`deepunhide`, `deepunhide-per-group`, the variants). A ranking computed from
   * the training users alone (logistic, centroid, variance) would score 1 here.
   */
  readonly classifierSeeds?: {
    readonly splitSeed: number;
    readonly byMethod: Readonly<Partial<Record<RankingMethod, SeedSummary>>>;
  };
}

/**
 * Whether a DeepUnHide ranking's archetypes are usable downstream (issue 7), on the
 * pipeline's own network: each archetype classified as its own group, and E4's check.
 */
export interface ArchetypeUsability {
  readonly method: RankingMethod;
  /** The network's probability of the majority group for each archetype. */
  readonly majorityScore: number;
  readonly minorityScore: number;
  /** majorityScore > 0.5 and minorityScore < 0.5. */
  readonly ownGroups: boolean;
  /** E4's Spearman correlation with these archetypes (w_m − w_M against the minority share). */
  readonly e4Spearman: number;
}

/** All experiments for one attribute. */
export interface AttributeExperiments {
  readonly e1: E1Result;
  readonly e2: E2Result;
  readonly e3: E3Result;
  readonly e4: E4Result;
  readonly stability: StabilityResult;
  /** Archetype usability of every compared DeepUnHide ranking that has archetypes. */
  readonly usability?: ArchetypeUsability[];
}

/** The `experiments` section of `results.json`. */
export interface ExperimentsDocument {
  /** Seeds used by E2, E3 and the stability check. */
  readonly seeds: number[];
  /** `full` or `quick` (fewer seeds and Ns, for smoke tests). */
  readonly protocol: "full" | "quick";
  readonly attributes: Readonly<Record<string, AttributeExperiments>>;
}
