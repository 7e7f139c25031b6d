/**
 * The item profile read by factor instead of by genre: which genres a factor characterizes
 * most (the transpose of each genre's relevancy ranking).
 */

/** One genre a factor characterizes. */
export interface FactorGenre {
  readonly genre: string;
  /** The factor's relevancy for this genre, in [0, 1]. */
  readonly relevancy: number;
  /** The "has the genre" share p̃with/(p̃with + p̃without) of the factor. */
  readonly withShare: number;
}

/** The genres one factor characterizes most. */
export interface FactorGenres {
  readonly factor: number;
  /** By decreasing relevancy (ties: genre order), at most `perFactor`. */
  readonly genres: FactorGenre[];
}

/**
 * For every factor, the `perFactor` genres whose relevancy on it is highest. Each genre's
 * relevancy is normalized by its own maximum, so the comparison across genres is of where
 * the factor sits in each genre's ranking, not of how strong each genre's signal is.
 */
export function genresByFactor(
  genres: readonly {
    readonly name: string;
    readonly relevancy: ArrayLike<number>;
    readonly withShare: ArrayLike<number>;
  }[],
  k: number,
  perFactor: number,
): FactorGenres[] {
  const out: FactorGenres[] = [];
  for (let j = 0; j < k; j++) {
    const order = genres
      .map((g, position) => ({ g, position }))
      .sort((a, b) => b.g.relevancy[j] - a.g.relevancy[j] || a.position - b.position)
      .slice(0, perFactor);
    out.push({
      factor: j,
      genres: order.map(({ g }) => ({
        genre: g.name,
        relevancy: g.relevancy[j],
        withShare: g.withShare[j],
      })),
    });
  }
  return out;
}
