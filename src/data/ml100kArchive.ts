/**
 * GroupLens's `ml-100k.zip`: which entries to take from it and how to check they are the
 * published files.
 */

import { unzipSync } from "fflate";
import { DownloadError } from "../errors.js";
import { crc32 } from "../util/crc32.js";
import { sha256Hex } from "../util/sha256.js";
import { isPlainFileName } from "./cache.js";
import { ML100K_FILES } from "./movielens100k.js";
import { zipEntryChecksums } from "./zipChecksums.js";

/** Folder inside the zip that holds the data files. */
export const ML100K_ARCHIVE_FOLDER = "ml-100k";

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
 * Takes the plain files under `ml-100k/` out of the zip (README, u.data, u.item, …; nested
 * folders and odd names such as `__MACOSX` entries are skipped, which also rules out path
 * traversal). Throws {@link DownloadError} when the bytes are not a zip or a needed file is
 * missing.
 */
export function extractMl100kArchive(zip: Uint8Array, origin: string): Map<string, Uint8Array> {
  const prefix = `${ML100K_ARCHIVE_FOLDER}/`;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(zip, {
      filter: (file) =>
        file.name.startsWith(prefix) && isPlainFileName(file.name.slice(prefix.length)),
    });
  } catch (error) {
    throw new DownloadError(
      `the file downloaded from ${origin} is not a valid zip archive (${(error as Error).message})`,
    );
  }
  const checksums = zipEntryChecksums(zip);
  const files = new Map<string, Uint8Array>();
  for (const [name, bytes] of Object.entries(entries)) {
    const expected = checksums.get(name);
    if (expected === undefined || crc32(bytes) !== expected) {
      throw new DownloadError(
        `the archive from ${origin} is corrupt: ${name} does not match the CRC-32 its zip entry records`,
      );
    }
    files.set(name.slice(prefix.length), bytes);
  }
  const missing = ML100K_FILES.filter((name) => !files.has(name));
  if (missing.length > 0) {
    throw new DownloadError(
      `the archive from ${origin} lacks ${missing.map((m) => `${prefix}${m}`).join(", ")}; is it really ml-100k.zip?`,
    );
  }
  return files;
}

/**
 * Checks the files against `expected` (file name → hex SHA-256). A mismatch is a
 * {@link DownloadError} naming the file and both hashes; a file named in `expected` but absent
 * is one too.
 */
export function verifySha256(
  files: ReadonlyMap<string, Uint8Array>,
  expected: Readonly<Record<string, string>>,
  origin: string,
): void {
  for (const [name, hash] of Object.entries(expected)) {
    const bytes = files.get(name);
    if (bytes === undefined) {
      throw new DownloadError(
        `the archive from ${origin} lacks ${name}, whose checksum is required`,
      );
    }
    const actual = sha256Hex(bytes);
    if (actual !== hash.toLowerCase()) {
      throw new DownloadError(
        `checksum mismatch for ${name} from ${origin}: expected SHA-256 ${hash}, got ${actual}`,
      );
    }
  }
}
