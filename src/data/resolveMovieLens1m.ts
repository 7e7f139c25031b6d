/**
 * Finding MovieLens 1M on this machine, or fetching `ml-1m.zip` once from GroupLens into the
 * cache (see `resolveDownloadableDataset`).
 */

import {
  type DownloadableDataset,
  type ResolveDatasetOptions,
  type ResolvedDataset,
  resolveDownloadableDataset,
} from "./downloadableDataset.js";
import { ML1M_FILES } from "./movielens1m.js";

/** Where GroupLens publishes MovieLens 1M. */
export const ML1M_URL = "https://files.grouplens.org/datasets/movielens/ml-1m.zip";

/**
 * SHA-256 of the published files. Empty: no checksum from a trustworthy source was at hand
 * when this loader was written (the zip could not be fetched here), so a download is checked
 * for its layout only, and every run records the SHA-256 of the files it read. Fill in
 * `ratings.dat`, `users.dat` and `movies.dat` from a verified copy.
 */
export const ML1M_SHA256: Readonly<Record<string, string>> = {};

/** MovieLens 1M as a downloadable dataset (the real zip is about 6 MB). */
export const ML1M_DATASET: DownloadableDataset = {
  title: "MovieLens 1M",
  folder: "ml-1m",
  files: ML1M_FILES,
  url: ML1M_URL,
  urlVariable: "DEEPUNHIDE_ML1M_URL",
  sha256: ML1M_SHA256,
  maxBytes: 64 * 1024 * 1024,
};

/**
 * Finds MovieLens 1M: `dataDir` (the folder itself or its `ml-1m/`), then
 * `$DEEPUNHIDE_DATA` (same rule), then a complete `<cache>/ml-1m`, then a download from
 * GroupLens (`$DEEPUNHIDE_ML1M_URL` overrides the URL), installed into the cache atomically.
 */
export function resolveMovieLens1m(options: ResolveDatasetOptions = {}): Promise<ResolvedDataset> {
  return resolveDownloadableDataset(ML1M_DATASET, options);
}
