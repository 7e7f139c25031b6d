import type { GenreMatrix } from "../data/dataset.js";

/** How many of the included items have a genre, and whether it gets a classifier output. */
export interface GenreCount {
  /** Index of the genre in the dataset's genre list. */
  readonly index: number;
  readonly name: string;
  /** Included items with the genre. */
  readonly with: number;
  /** Included items without it. */
  readonly without: number;
}

/**
 * Counts every genre over the `items` taking part and splits the genres into those with at
 * least `minItems` items on both sides (`eligible`, one classifier output each) and the rest
 * (`skipped`), both in the dataset's genre order.
 */
export function genreEligibility(
  genres: GenreMatrix,
  items: Int32Array,
  minItems: number,
): { readonly eligible: GenreCount[]; readonly skipped: GenreCount[] } {
  const g = genres.names.length;
  const counts = new Int32Array(g);
  for (const i of items) for (let j = 0; j < g; j++) counts[j] += genres.matrix[i * g + j];
  const eligible: GenreCount[] = [];
  const skipped: GenreCount[] = [];
  genres.names.forEach((name, index) => {
    const count = { index, name, with: counts[index], without: items.length - counts[index] };
    (count.with >= minItems && count.without >= minItems ? eligible : skipped).push(count);
  });
  return { eligible, skipped };
}

/**
 * One stratum per item for a stratified split of multi-label items: the item's rarest
 * eligible genre (1 + its position in `eligible`), 0 for an item with none. Stratifying on
 * every genre combination would leave most strata with one item; the rarest genre is the
 * one a random split is likeliest to starve, so each part gets its share of every rare genre.
 */
export function rarestGenreStrata(
  genres: GenreMatrix,
  items: Int32Array,
  eligible: readonly GenreCount[],
): Int32Array {
  const g = genres.names.length;
  const strata = new Int32Array(items.length);
  items.forEach((item, row) => {
    let best = -1;
    eligible.forEach((genre, position) => {
      if (genres.matrix[item * g + genre.index] === 0) return;
      if (best < 0 || genre.with < eligible[best].with) best = position;
    });
    strata[row] = best + 1;
  });
  return strata;
}
