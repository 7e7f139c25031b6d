/**
 * Item-side unhiding (paper §2.2, end): the method of the user side applied to the item
 * factors and the items' genres. One MLN with one sigmoid output per genre ("has genre g")
 * learns the genres from the item factors; then each output's two archetypes ("has g",
 * "has not g") are localized and compared exactly as the demographic ones, which says which
 * factors characterize Drama, Sci-Fi, Children's…
 */

import type { GenreMatrix } from "../data/dataset.js";
import { ConfigError } from "../errors.js";
import { type SplitReports, splitReports } from "../evaluate/splitReports.js";
import { stratifiedSplit, type UserSplit } from "../evaluate/stratifiedSplit.js";
import { type EpochRecord, fitClassifier } from "../nn/fitClassifier.js";
import { createMlp, type Mlp, predictProba } from "../nn/mlp.js";
import { selectColumns } from "../util/columns.js";
import type { Rng } from "../util/rng.js";
import { archetypeWarnings } from "./archetypeWarnings.js";
import { type GenreCount, genreEligibility, rarestGenreStrata } from "./genreEligibility.js";
import { type FactorGenres, genresByFactor } from "./genresByFactor.js";
import { type ItemProfileConfig, resolveItemProfileConfig } from "./itemProfileConfig.js";
import { type ArchetypePair, localizeArchetypes } from "./localizeArchetype.js";
import { buildFactorProfile, type FactorProfile } from "./profile.js";

/** What the item side learned about one genre. */
export interface GenreProfile {
  readonly name: string;
  /** Index of the genre in the dataset's genre list. */
  readonly index: number;
  /** Index of the genre's output in the item MLN. */
  readonly output: number;
  /** Included items with and without the genre. */
  readonly items: { readonly with: number; readonly without: number };
  /** The output's quality on the item split (label 1 = has the genre). */
  readonly classifier: SplitReports;
  /** `majority` is the archetype of "has the genre" (t = 1), `minority` of "has not" (t = 0). */
  readonly archetypes: ArchetypePair;
  /**
   * The factor profile of the two archetypes: `majorityShare` is the "with" share of each
   * factor, `relevancy` says how much the factor characterizes the genre.
   */
  readonly profile: FactorProfile;
  /** The `topFactors` factors of highest relevancy. */
  readonly topFactors: Int32Array;
}

/** The output of {@link unhideItemFactors}. */
export interface ItemProfile {
  readonly config: ItemProfileConfig;
  readonly items: {
    /** Item indices that took part (rated at least `minRatings` times), ascending. */
    readonly included: Int32Array;
    /** Items left out for having fewer ratings. */
    readonly excluded: number;
    /** The split of the included items (item indices). */
    readonly split: UserSplit;
  };
  readonly classifier: {
    readonly net: Mlp;
    readonly history: readonly EpochRecord[];
    readonly bestEpoch: number;
  };
  /** One entry per genre with enough items on both sides, in the dataset's genre order. */
  readonly genres: GenreProfile[];
  /** The genres without enough items on one side, with their counts. */
  readonly skipped: GenreCount[];
  /** Per factor, the genres it characterizes most (see {@link genresByFactor}). */
  readonly byFactor: FactorGenres[];
  readonly warnings: string[];
}

/** Input of {@link unhideItemFactors}. */
export interface ItemFactorsInput {
  /** Q, items × k, row-major. */
  readonly itemFactors: Float32Array | Float64Array;
  readonly k: number;
  readonly genres: GenreMatrix;
  /** Ratings per item, to leave out the items PMF learned nothing about. */
  readonly ratingsPerItem: Int32Array;
}

/**
 * Unhides the item factors against the genres. Deterministic for a given input and `rng`:
 * the split, the network and each genre's localization draw from their own named forks.
 * `onEpoch` reports the MLN's training progress.
 *
 * When no genre has enough items on both sides, nothing is trained: the result has no
 * genres and says why in `warnings`.
 *
 * @throws ConfigError for a bad configuration or mismatched sizes.
 * @throws TrainingError when the MLN or a localization diverges.
 */
export function unhideItemFactors(
  input: ItemFactorsInput,
  partialConfig: Partial<ItemProfileConfig>,
  rng: Rng,
  onEpoch?: (record: EpochRecord) => void,
): ItemProfile {
  const config = resolveItemProfileConfig(partialConfig);
  const { itemFactors, k, genres, ratingsPerItem } = input;
  const itemCount = ratingsPerItem.length;
  const genreCount = genres.names.length;
  if (itemFactors.length !== itemCount * k || genres.matrix.length !== itemCount * genreCount) {
    throw new ConfigError(
      `item factors (${itemFactors.length}), genres (${genres.matrix.length}) and rating counts (${itemCount} items) do not agree for K = ${k}`,
    );
  }
  const kept: number[] = [];
  for (let i = 0; i < itemCount; i++) if (ratingsPerItem[i] >= config.minRatings) kept.push(i);
  const included = Int32Array.from(kept);
  const { eligible, skipped } = genreEligibility(genres, included, config.minItems);
  if (eligible.length === 0) return withoutGenres(config, included, itemCount, skipped, k);

  const parts = stratifiedSplit(
    rarestGenreStrata(genres, included, eligible),
    config.split,
    rng.fork("item-split"),
  );
  const [train, validation, test] = parts.map((rows) => rows.map((row) => included[row]));
  const split = { train, validation, test };
  const labels = eligible.map((genre) => {
    const out = new Uint8Array(itemCount);
    for (let i = 0; i < itemCount; i++) out[i] = genres.matrix[i * genreCount + genre.index];
    return out;
  });
  const fit = fitClassifier(
    itemFactors,
    labels,
    split,
    config.classifier,
    rng.fork("classifier"),
    onEpoch,
  );
  const proba = predictProba(fit.net, itemFactors, itemCount);

  const warnings: string[] = [];
  const profiles = eligible.map((genre, output): GenreProfile => {
    const scores = selectColumns(proba, itemCount, eligible.length, [output]);
    const archetypes = localizeArchetypes(
      fit.net,
      output,
      config.localization,
      rng.fork(`localization-${genre.name}`),
    );
    warnings.push(
      ...archetypeWarnings(`genre ${genre.name}`, archetypes, {
        majority: `"${genre.name}"`,
        minority: `"not ${genre.name}"`,
      }),
    );
    const profile = buildFactorProfile(archetypes.majority.vector, archetypes.minority.vector, {
      threshold: config.threshold,
    });
    return {
      name: genre.name,
      index: genre.index,
      output,
      items: { with: genre.with, without: genre.without },
      classifier: splitReports(labels[output], scores, split),
      archetypes,
      profile,
      topFactors: profile.ranking.slice(0, config.topFactors),
    };
  });
  const byFactor = genresByFactor(
    profiles.map((g) => ({
      name: g.name,
      relevancy: g.profile.relevancy,
      withShare: g.profile.majorityShare,
    })),
    k,
    config.genresPerFactor,
  );
  return {
    config,
    items: { included, excluded: itemCount - included.length, split },
    classifier: { net: fit.net, history: fit.history, bestEpoch: fit.bestEpoch },
    genres: profiles,
    skipped,
    byFactor,
    warnings,
  };
}

function withoutGenres(
  config: ItemProfileConfig,
  included: Int32Array,
  itemCount: number,
  skipped: GenreCount[],
  k: number,
): ItemProfile {
  const none = new Int32Array(0);
  return {
    config,
    items: {
      included,
      excluded: itemCount - included.length,
      split: { train: none, validation: none, test: none },
    },
    classifier: { net: createMlp(k, 0, 0), history: [], bestEpoch: 0 },
    genres: [],
    skipped,
    byFactor: [],
    warnings: [
      `items: no genre has ${config.minItems} items with it and ${config.minItems} without among the ${included.length} items rated at least ${config.minRatings} times; the item side was skipped`,
    ],
  };
}
