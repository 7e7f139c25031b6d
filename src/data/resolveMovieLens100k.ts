/**
 * Finding MovieLens 100K on this machine, or fetching it once into the cache (see
 * `resolveDownloadableDataset`).
 */

import {
  manualDownloadHint as manualHint,
  type ResolveDatasetOptions,
  type ResolvedDataset,
  resolveDownloadableDataset,
} from "./downloadableDataset.js";
import { ML100K_DATASET } from "./ml100kArchive.js";

export { ML100K_URL } from "./ml100kArchive.js";

/** Options of {@link resolveMovieLens100k}; the URL variable is `DEEPUNHIDE_ML100K_URL`. */
export type ResolveMovieLens100kOptions = ResolveDatasetOptions;

/** Where MovieLens 100K was found: the folder holding `u.data`, `u.item`, `u.user`, `u.genre`. */
export type ResolvedMovieLens100k = ResolvedDataset;

/**
 * Finds MovieLens 100K, in this order: `dataDir` (the folder itself or its `ml-100k/`), then
 * `$DEEPUNHIDE_DATA` (same rule), then a complete `<cache>/ml-100k`, then a download from
 * GroupLens (`$DEEPUNHIDE_ML100K_URL` overrides the URL), checked against the published
 * SHA-256 and installed into the cache atomically.
 */
export function resolveMovieLens100k(
  options: ResolveMovieLens100kOptions = {},
): Promise<ResolvedMovieLens100k> {
  return resolveDownloadableDataset(ML100K_DATASET, options);
}

/** What to do when the download of MovieLens 100K cannot happen. */
export function manualDownloadHint(url: string): string {
  return manualHint(ML100K_DATASET, url);
}
