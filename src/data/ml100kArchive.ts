/**
 * GroupLens's `ml-100k.zip`: where it is published, which entries to take from it and how to
 * check they are the published files.
 */

import type { DownloadableDataset } from "./downloadableDataset.js";
import { extractArchiveFolder } from "./downloadableDataset.js";
import { ML100K_FILES } from "./movielens100k.js";

export { verifySha256 } from "./downloadableDataset.js";

/** Folder inside the zip that holds the data files. */
export const ML100K_ARCHIVE_FOLDER = "ml-100k";

/** Where GroupLens publishes MovieLens 100K. */
export const ML100K_URL = "https://files.grouplens.org/datasets/movielens/ml-100k.zip";

/**
 * SHA-256 of the published `u.data`, `u.item` and `u.user` (GroupLens, unchanged since 1998).
 * `u.genre` is small and not a source of numbers, so it is not pinned.
 */
export const ML100K_SHA256: Readonly<Record<string, string>> = {
  "u.data": "06416e597f82b7342361e41163890c81036900f418ad91315590814211dca490",
  "u.item": "553841ebc7de3a0fd0d6b62a204ea30c1e651aacfb2814c7a6584ac52f2c5701",
  "u.user": "f120e114da2e8cf314fd28f99417c94ae9ddf1cb6db8ce0e4b5995d40e90e62c",
};

/**
 * MD5 of `ml-100k.zip` as GroupLens publishes it in `ml-100k.zip.md5` (the value independent
 * public projects pin; not fetched here, as this project's build machine has no network).
 */
export const ML100K_ARCHIVE_MD5 = "0e33842e24a9c977be4e0107933c0723";

/** MovieLens 100K as a downloadable dataset (the real zip is about 5 MB). */
export const ML100K_DATASET: DownloadableDataset = {
  title: "MovieLens 100K",
  folder: ML100K_ARCHIVE_FOLDER,
  files: ML100K_FILES,
  url: ML100K_URL,
  urlVariable: "DEEPUNHIDE_ML100K_URL",
  sha256: ML100K_SHA256,
  archiveMd5: ML100K_ARCHIVE_MD5,
  maxBytes: 64 * 1024 * 1024,
};

/**
 * Takes the plain files under `ml-100k/` out of the zip. Throws `DownloadError` when the
 * bytes are not a zip or a needed file is missing.
 */
export function extractMl100kArchive(zip: Uint8Array, origin: string): Map<string, Uint8Array> {
  return extractArchiveFolder(zip, ML100K_DATASET, origin);
}
