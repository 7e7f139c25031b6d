import type { FactorGenres } from "../unhide/genresByFactor.js";
import type { ItemProfileConfig } from "../unhide/itemProfileConfig.js";
import type { ItemProfile } from "../unhide/unhideItemFactors.js";
import {
  type ArchetypeDocument,
  archetypeDocument,
  type ClassifierQuality,
} from "./resultsDocument.js";

/** One factor that characterizes a genre, as listed in `results.json`. */
export interface GenreTopFactor {
  readonly factor: number;
  readonly relevancy: number;
  /** The "has the genre" share of the factor; above 0.5, the genre's items sit higher on it. */
  readonly withShare: number;
}

/** One genre of the item side in `results.json`. */
export interface GenreDocument {
  readonly name: string;
  /** Index of the genre's output in the item MLN. */
  readonly output: number;
  /** Included items with and without the genre. */
  readonly items: { readonly with: number; readonly without: number };
  readonly classifier: {
    readonly train: ClassifierQuality;
    readonly validation: ClassifierQuality;
    readonly test: ClassifierQuality;
  };
  readonly archetypes: { readonly with: ArchetypeDocument; readonly without: ArchetypeDocument };
  readonly normalizedArchetypes: { readonly with: number[]; readonly without: number[] };
  readonly proportions: { readonly with: number[]; readonly without: number[] };
  readonly relevancy: number[];
  readonly ranking: number[];
  readonly selected: number[];
  readonly topFactors: GenreTopFactor[];
}

/** The `items` section of `results.json`: the item factors unhidden against the genres. */
export interface ItemProfileDocument {
  /** The item attribute the outputs predict (the genres). */
  readonly attribute: "genre";
  readonly config: ItemProfileConfig;
  readonly items: {
    readonly included: number;
    readonly excluded: number;
    readonly train: number;
    readonly validation: number;
    readonly test: number;
  };
  readonly classifier: { readonly bestEpoch: number; readonly epochs: number };
  /** One entry per genre with enough items, in the dataset's genre order. */
  readonly genres: GenreDocument[];
  /** Genres without enough items on one side. */
  readonly skipped: { readonly name: string; readonly with: number; readonly without: number }[];
  /** Per factor, the genres it characterizes most. */
  readonly byFactor: FactorGenres[];
}

/** The plain `results.json` form of an {@link ItemProfile}. */
export function itemProfileDocument(profile: ItemProfile): ItemProfileDocument {
  const { split } = profile.items;
  return {
    attribute: "genre",
    config: profile.config,
    items: {
      included: profile.items.included.length,
      excluded: profile.items.excluded,
      train: split.train.length,
      validation: split.validation.length,
      test: split.test.length,
    },
    classifier: {
      bestEpoch: profile.classifier.bestEpoch,
      epochs: profile.classifier.history.length,
    },
    genres: profile.genres.map((g) => ({
      name: g.name,
      output: g.output,
      items: g.items,
      classifier: g.classifier,
      archetypes: {
        with: archetypeDocument(g.archetypes.majority),
        without: archetypeDocument(g.archetypes.minority),
      },
      normalizedArchetypes: {
        with: Array.from(g.profile.normalizedMajority),
        without: Array.from(g.profile.normalizedMinority),
      },
      proportions: {
        with: Array.from(g.profile.majorityShare),
        without: Array.from(g.profile.minorityShare),
      },
      relevancy: Array.from(g.profile.relevancy),
      ranking: Array.from(g.profile.ranking),
      selected: Array.from(g.profile.selected),
      topFactors: Array.from(g.topFactors, (factor) => ({
        factor,
        relevancy: g.profile.relevancy[factor],
        withShare: g.profile.majorityShare[factor],
      })),
    })),
    skipped: profile.skipped.map((s) => ({ name: s.name, with: s.with, without: s.without })),
    byFactor: profile.byFactor,
  };
}
