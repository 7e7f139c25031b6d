/**
 * A prediction split by item traits: which genres the contributing factors characterize
 * (from the item profile of the model folder, `item-profile.json`).
 *
 * Definition (an exact identity, up to float64 rounding): factor j characterizes the genres
 * G_j = { g : relevancy_gj ≥ threshold } (each genre's selected factors), among the genres
 * whose archetypes reach their groups (`archetypesReachGroups`; the others have no
 * trustworthy profile and get no part). Its contribution
 * c_j = p_uj q_ij is shared among them in proportion to their relevancy,
 * w_gj = relevancy_gj / Σ_{g' ∈ G_j} relevancy_g'j, and goes whole to `unattributed` when G_j
 * is empty. Genre g's part is Σ_j c_j w_gj, split by sign and as percentages of the total
 * pull Σ|c_j| exactly like the demographic parts, so the genre parts and `unattributed` add
 * up to the prediction, and their percentages to 100.
 *
 * The part of a genre says that the score rests on factors that characterize the genre, not
 * that the item has it (`itemHasGenre` tells that) nor in which direction the factor leans.
 */

import type { LoadedModel, SavedItemProfile } from "../io/modelFolder.js";
import type { FactorGenre } from "../unhide/genresByFactor.js";
import { type GroupPart, sharedPart } from "./sharedPart.js";

/** One genre's part of a prediction. */
export interface GenreTraitPart extends GroupPart {
  /** Whether the explained item has the genre (absent when the folder has no genres per item). */
  readonly itemHasGenre?: boolean;
}

/** A prediction split by the genres its factors characterize. */
export interface ItemTraits {
  /** Relevancy threshold that decides which genres a factor characterizes. */
  readonly threshold: number;
  /** One part per profiled genre whose archetypes reach their groups, in the profile's order. */
  readonly genres: GenreTraitPart[];
  /** The contributions of factors that characterize no genre (`group` is "no genre"). */
  readonly unattributed: GroupPart;
}

/**
 * Per factor, each trusted genre's weight w_gj (see the module comment): `weights[g][j]` for
 * the g-th genre of {@link trustedGenres}, and
 * `unattributed[j]` = 1 where no genre reaches the threshold. For every j the weights and
 * `unattributed[j]` add up to 1.
 */
export function genreWeights(
  profile: SavedItemProfile,
  k: number,
): { readonly weights: Float64Array[]; readonly unattributed: Float64Array } {
  const genres = trustedGenres(profile);
  const weights = genres.map(() => new Float64Array(k));
  const unattributed = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    let sum = 0;
    for (const g of genres) if (g.relevancy[j] >= profile.threshold) sum += g.relevancy[j];
    if (!(sum > 0)) {
      unattributed[j] = 1;
      continue;
    }
    genres.forEach((g, position) => {
      if (g.relevancy[j] >= profile.threshold) weights[position][j] = g.relevancy[j] / sum;
    });
  }
  return { weights, unattributed };
}

/**
 * The item-trait split of the contributions `c` of one prediction with total pull
 * `totalPull`; `itemGenres` are the explained item's genre names when known. Undefined when
 * the model has no item profile.
 */
export function itemTraits(
  model: LoadedModel,
  c: Float64Array,
  totalPull: number,
  itemGenres: readonly string[] | undefined,
): ItemTraits | undefined {
  const profile = model.itemProfile;
  if (profile === undefined) return undefined;
  const { weights, unattributed } = genreWeights(profile, c.length);
  const has = itemGenres === undefined ? undefined : new Set(itemGenres);
  return {
    threshold: profile.threshold,
    genres: trustedGenres(profile).map((g, position) => ({
      ...sharedPart(g.name, c, weights[position], totalPull),
      ...(has !== undefined ? { itemHasGenre: has.has(g.name) } : {}),
    })),
    unattributed: sharedPart("no genre", c, unattributed, totalPull),
  };
}

/**
 * The genres factor `j` characterizes (relevancy ≥ the threshold), by decreasing relevancy;
 * empty without an item profile.
 */
export function traitsOfFactor(model: LoadedModel, j: number): FactorGenre[] {
  const profile = model.itemProfile;
  if (profile === undefined) return [];
  return trustedGenres(profile)
    .filter((g) => g.relevancy[j] >= profile.threshold)
    .map((g) => ({ genre: g.name, relevancy: g.relevancy[j], withShare: g.proportions.with[j] }))
    .sort((a, b) => b.relevancy - a.relevancy);
}

/** The genres of the profile whose archetypes reach their groups, in profile order. */
export function trustedGenres(profile: SavedItemProfile): SavedItemProfile["genres"] {
  return profile.genres.filter((g) => g.archetypesReachGroups);
}
