import { type BinaryGroupRule, DEFAULT_GROUP_RULES } from "../data/groups.js";
import { ConfigError } from "../errors.js";
import { requireThreeShares } from "../evaluate/stratifiedSplit.js";
import type { PmfConfig } from "../mf/pmf.js";
import type { ClassifierConfig } from "../nn/fitClassifier.js";
import { type ItemProfileConfig, resolveItemProfileConfig } from "../unhide/itemProfileConfig.js";
import type { LocalizationConfig } from "../unhide/localizeArchetype.js";

/**
 * Everything `deepunhide run` can be told, with defaults that follow the paper where it
 * speaks and DESIGN.md where it does not. Stage hyper-parameters are partial: whatever is
 * left out takes the stage's own documented default.
 */
export interface RunConfig {
  /** Master seed; every stage derives its own stream from it by name. */
  readonly seed: number;
  /** Binary attributes to unhide, by rule name (`gender`, `age`). */
  readonly attributes: readonly string[];
  /**
   * The group rules `attributes` name: the built-in gender and age rules by default; a
   * dataset with another age cut (ML-1M's bands) or rules given on the command line
   * (`--group`) replaces them.
   */
  readonly groupRules: Readonly<Record<string, BinaryGroupRule>>;
  /** PMF hyper-parameters (see `DEFAULT_PMF_CONFIG`). */
  readonly mf: Partial<PmfConfig>;
  /** Share of ratings held out to measure the PMF's test RMSE. */
  readonly mfTestFraction: number;
  /**
   * Which ratings the factors used by the later stages are trained on: `all` (the paper's
   * reading: every rating a user gave shapes her factors; the RMSE is measured by a second
   * fit on the training split) or `train` (reuse the split fit: faster, one fit).
   */
  readonly factorsFrom: "all" | "train";
  /** Train / validation / test shares of the users for the classifier. */
  readonly userSplit: readonly [number, number, number];
  /** MLN hyper-parameters (see `DEFAULT_CLASSIFIER_CONFIG`). */
  readonly classifier: Partial<ClassifierConfig>;
  /** Archetype localization (see `DEFAULT_LOCALIZATION_CONFIG`). */
  readonly localization: Partial<LocalizationConfig>;
  /** Relevancy threshold for the selected factors (paper Fig. 10: 0.5). */
  readonly selectionThreshold: number;
  /** N for the top-N selection check (retrain on the N most relevant factors). */
  readonly topN: number;
  /** How many random N-subsets the top-N selection is compared against (0 to skip). */
  readonly randomDraws: number;
  /**
   * The item side: the same method on the item factors against the genres, run after the
   * user side when the dataset has genres; `{ enabled: false }` turns it off (see
   * `DEFAULT_ITEM_PROFILE_CONFIG`).
   */
  readonly items: Partial<ItemProfileConfig>;
  /**
   * The relevancy (and so the ranking and selection) used downstream: `paper` (|p̃M − p̃m|
   * of the archetypes, §2.3) or `contrast-ig-ensemble` (the group contrast of integrated
   * gradients averaged over `relevancyMembers` MLNs, issue 7). The archetypes and group
   * proportions are the paper's either way, and the evaluation's `deepunhide` stays the
   * paper's method. The default is `contrast-ig-ensemble` because it beat the paper's
   * relevancy on the issue-7 harness (ML-100K, 10 paired seeds, 15 MLNs): top-20 Jaccard
   * across classifier seeds 0.78/0.90 (gender/age) against 0.18/0.18, E2 balanced accuracy above
   * the paper's at 7 of 8 N ≤ 20 cells with intervals above 0 and below it at none, and it
   * never lost to a baseline in E2 or E3 there (README, "What we measured").
   */
  readonly relevancy: RelevancyMethod;
  /**
   * MLNs behind `contrast-ig-ensemble`: the pipeline's and `relevancyMembers − 1` more on the
   * same training users. 30 by default: on one ML-100K split, 10 classifier seeds, the top-20
   * Jaccard is 0.82/0.91 (gender/age) with 30 against 0.78/0.90 with 15, for about 4 s more
   * CPU per run.
   */
  readonly relevancyMembers: number;
  /**
   * Cap on the users the ensemble's extra MLNs learn from; absent, every user (the default).
   * With more users in the classifier's split, the extra members train on a stratified
   * random subsample (training and validation parts shrunk alike, drawn once); the
   * pipeline's own MLN, the first member, and the attributions always use every training
   * user. `--quick` sets {@link QUICK_RELEVANCY_MAX_USERS}. It is not the default because it
   * changes the ranking: on the MyAnimeList-sized synthetic data (69,600 users) the 29 extra
   * fits took about 82 s on every user and 13 s on 10,000, and the two rankings' top-20 sets
   * overlapped with a Jaccard index of 0.60 for gender and for age (relevancy Pearson 0.85 and
   * 0.89).
   */
  readonly relevancyMaxUsers?: number;
}

/** The relevancies the pipeline can hand downstream; see {@link RunConfig.relevancy}. */
export const RELEVANCY_METHODS = ["paper", "contrast-ig-ensemble"] as const;

/** One of {@link RELEVANCY_METHODS}. */
export type RelevancyMethod = (typeof RELEVANCY_METHODS)[number];

/** Defaults of {@link RunConfig}. */
export const DEFAULT_RUN_CONFIG: RunConfig = {
  seed: 42,
  attributes: ["gender", "age"],
  groupRules: DEFAULT_GROUP_RULES,
  mf: {},
  mfTestFraction: 0.2,
  factorsFrom: "all",
  userSplit: [0.7, 0.1, 0.2],
  classifier: {},
  localization: {},
  selectionThreshold: 0.5,
  topN: 10,
  randomDraws: 5,
  items: {},
  relevancy: "contrast-ig-ensemble",
  relevancyMembers: 30,
};

/** {@link RunConfig.relevancyMaxUsers} of a `--quick` run, a smoke test at any scale. */
export const QUICK_RELEVANCY_MAX_USERS = 10_000;

/** Fills in defaults and validates. Throws {@link ConfigError} on a bad value. */
export function resolveRunConfig(partial: Partial<RunConfig> = {}): RunConfig {
  const config: RunConfig = { ...DEFAULT_RUN_CONFIG, ...partial };
  if (!Number.isInteger(config.seed) || config.seed < 0 || config.seed > 0xffffffff) {
    throw new ConfigError(`seed must be an integer in [0, 4294967295], got ${config.seed}`);
  }
  if (config.attributes.length === 0) throw new ConfigError("at least one attribute is needed");
  if (new Set(config.attributes).size !== config.attributes.length) {
    throw new ConfigError(`attributes are repeated: ${config.attributes.join(",")}`);
  }
  for (const name of config.attributes) {
    if (config.groupRules[name] === undefined) {
      throw new ConfigError(
        `unknown attribute "${name}"; known: ${Object.keys(config.groupRules).join(", ")}`,
      );
    }
  }
  if (!(config.mfTestFraction > 0 && config.mfTestFraction < 1)) {
    throw new ConfigError(`mfTestFraction must be in (0, 1), got ${config.mfTestFraction}`);
  }
  if (config.factorsFrom !== "all" && config.factorsFrom !== "train") {
    throw new ConfigError(`factorsFrom must be "all" or "train", got "${config.factorsFrom}"`);
  }
  if (!(RELEVANCY_METHODS as readonly string[]).includes(config.relevancy)) {
    throw new ConfigError(
      `relevancy must be one of ${RELEVANCY_METHODS.join(", ")}, got "${config.relevancy}"`,
    );
  }
  if (!Number.isInteger(config.relevancyMembers) || config.relevancyMembers < 1) {
    throw new ConfigError(
      `relevancyMembers must be a positive integer, got ${config.relevancyMembers}`,
    );
  }
  if (
    config.relevancyMaxUsers !== undefined &&
    (!Number.isInteger(config.relevancyMaxUsers) || config.relevancyMaxUsers < 10)
  ) {
    throw new ConfigError(
      `relevancyMaxUsers must be an integer of at least 10, got ${config.relevancyMaxUsers}`,
    );
  }
  requireThreeShares("userSplit", config.userSplit);
  if (!(config.selectionThreshold >= 0 && config.selectionThreshold <= 1)) {
    throw new ConfigError(`selectionThreshold must be in [0, 1], got ${config.selectionThreshold}`);
  }
  if (!Number.isInteger(config.topN) || config.topN < 1) {
    throw new ConfigError(`topN must be a positive integer, got ${config.topN}`);
  }
  if (!Number.isInteger(config.randomDraws) || config.randomDraws < 0) {
    throw new ConfigError(`randomDraws must be a non-negative integer, got ${config.randomDraws}`);
  }
  // Validated now so a bad item setting fails before the user side has run.
  resolveItemProfileConfig(config.items);
  return config;
}
