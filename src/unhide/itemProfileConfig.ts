/**
 * Configuration of the item-side unhiding (paper §2.2, end: "the same localization on item
 * factors against item attributes"): which genres get an output, which items take part, and
 * the classifier and localization settings.
 */

import { ConfigError } from "../errors.js";
import { requireThreeShares } from "../evaluate/stratifiedSplit.js";
import type { ClassifierConfig } from "../nn/fitClassifier.js";
import { withDefaults } from "../util/defaults.js";
import type { LocalizationConfig } from "./localizationConfig.js";

/** Settings of {@link unhideItemFactors} (and of the pipeline's item stage). */
export interface ItemProfileConfig {
  /** Run the item side in the pipeline when the dataset has genres. */
  readonly enabled: boolean;
  /**
   * Items rated fewer times than this are left out: PMF barely moves their factors away from
   * the random initialization, so they say nothing about their genres and only add noise.
   */
  readonly minRatings: number;
  /**
   * A genre gets an output only when at least this many of the included items have it and
   * at least this many do not: with fewer, the test part holds two or three positives and
   * its AUC is noise.
   */
  readonly minItems: number;
  /** Train / validation / test shares of the included items. */
  readonly split: readonly [number, number, number];
  /** MLN hyper-parameters (see `DEFAULT_CLASSIFIER_CONFIG`); partial, the rest from there. */
  readonly classifier: Partial<ClassifierConfig>;
  /** Archetype localization (see `DEFAULT_LOCALIZATION_CONFIG`). */
  readonly localization: Partial<LocalizationConfig>;
  /** Relevancy threshold of each genre's selected factors (as the user side's 0.5). */
  readonly threshold: number;
  /** How many factors each genre lists as characterizing it. */
  readonly topFactors: number;
  /** How many genres each factor lists as the ones it characterizes most. */
  readonly genresPerFactor: number;
}

/**
 * Defaults. The split, the threshold and the localization's start and tolerance are the user
 * side's; the localization's steps are RMS-normalized (`normalizeGradient`: the paper's
 * direction, a fixed step length), because genre outputs are weaker than the demographic ones
 * and the paper's raw step, which shrinks with h(1 − h)‖∇z‖, stalls on them: on ML-100K the raw
 * rule took 11.7 s and left 5 archetypes short of the tolerance after 50,000 iterations,
 * the normalized one 0.5 s with every reachable archetype converged. The hidden layer is
 * 20 units rather than the user side's 10 because one network carries up to 18 genre outputs
 * (ML-100K) through it, against 2 demographic ones. 10 ratings keeps 1,152 of ML-100K's
 * 1,682 items; 20 items with and without a genre then keeps 16 of its 19 genres (not
 * "unknown", Fantasy or Film-Noir, which have 2, 22 and 24 items before the rating minimum).
 */
export const DEFAULT_ITEM_PROFILE_CONFIG: ItemProfileConfig = Object.freeze({
  enabled: true,
  minRatings: 10,
  minItems: 20,
  split: Object.freeze([0.7, 0.1, 0.2]) as readonly [number, number, number],
  classifier: Object.freeze({ hiddenSize: 20 }),
  localization: Object.freeze({ normalizeGradient: true }),
  threshold: 0.5,
  topFactors: 5,
  genresPerFactor: 3,
});

/** Fills in defaults (the classifier's and localization's are merged key by key) and validates. */
export function resolveItemProfileConfig(
  partial: Partial<ItemProfileConfig> = {},
): ItemProfileConfig {
  const c = withDefaults(DEFAULT_ITEM_PROFILE_CONFIG, partial);
  const config: ItemProfileConfig = {
    ...c,
    classifier: withDefaults(DEFAULT_ITEM_PROFILE_CONFIG.classifier, partial.classifier),
    localization: withDefaults(DEFAULT_ITEM_PROFILE_CONFIG.localization, partial.localization),
  };
  const nonNegativeInt = (name: keyof ItemProfileConfig, value: number, min: number) => {
    if (!Number.isInteger(value) || value < min) {
      throw new ConfigError(`items ${name} must be an integer ≥ ${min}, got ${value}`);
    }
  };
  nonNegativeInt("minRatings", config.minRatings, 0);
  nonNegativeInt("minItems", config.minItems, 1);
  nonNegativeInt("topFactors", config.topFactors, 1);
  nonNegativeInt("genresPerFactor", config.genresPerFactor, 1);
  requireThreeShares("items split", config.split);
  if (!(config.threshold >= 0 && config.threshold <= 1)) {
    throw new ConfigError(`items threshold must be in [0, 1], got ${config.threshold}`);
  }
  return config;
}
