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
 * MD5 of `ml-1m.zip` as GroupLens publishes it in `ml-1m.zip.md5`. It could not be fetched
 * from this project's build machine (no network); the value is the one independent public
 * projects pin for that URL (PaddlePaddle's dataset cache among them), and they agree.
 */
export const ML1M_ARCHIVE_MD5 = "c4d9eecfca2ab87c1945afe126590906";

/**
 * SHA-256 of the files inside the zip. Empty: GroupLens publishes only the zip's MD5 and no
 * verified copy of the files was at hand, so a download from GroupLens is checked by
 * {@link ML1M_ARCHIVE_MD5} and every zip entry's CRC-32, and every run records the SHA-256 of
 * the files it read.
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
  archiveMd5: ML1M_ARCHIVE_MD5,
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
