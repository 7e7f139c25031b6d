/**
 * Finding a GroupLens dataset on this machine, or fetching it once into the cache: MovieLens
 * may not be redistributed, so the tool downloads it from GroupLens like other recommender
 * toolkits do. One procedure for every zip-distributed dataset; each is described by a
 * {@link DownloadableDataset}.
 */

import { createHash } from "node:crypto";
import { stat } from "node:fs/promises";
import { join } from "node:path";
import { unzipSync } from "fflate";
import { DownloadError } from "../errors.js";
import { crc32 } from "../util/crc32.js";
import { sha256Hex } from "../util/sha256.js";
import {
  installCacheEntry,
  isCacheEntryComplete,
  isPlainFileName,
  resolveCacheDir,
} from "./cache.js";
import { type DownloadProgress, downloadToMemory } from "./download.js";
import { zipEntryChecksums } from "./zipChecksums.js";

/** What identifies a zip-distributed dataset and how to check its download. */
export interface DownloadableDataset {
  /** Display name, e.g. `MovieLens 1M`. */
  readonly title: string;
  /** Folder inside the zip, in the cache and under `DEEPUNHIDE_DATA`, e.g. `ml-1m`. */
  readonly folder: string;
  /** Files the loader needs; a folder lacking one is not the dataset. */
  readonly files: readonly string[];
  /** Where the zip is published. */
  readonly url: string;
  /** Environment variable that overrides {@link DownloadableDataset.url}. */
  readonly urlVariable: string;
  /**
   * File name → hex SHA-256 of the published files. Files not listed are not checked; an
   * empty record means no published checksum is known yet (the download is then trusted as
   * served, and the loader's own hashes in the results are the record).
   */
  readonly sha256: Readonly<Record<string, string>>;
  /**
   * Hex MD5 of the zip itself, as the publisher lists it beside the zip (GroupLens publishes
   * `<url>.md5` and nothing stronger). Checked before anything is unpacked, but only for a
   * download from {@link DownloadableDataset.url}: a mirror may repack the same files into
   * different zip bytes, and the per-file SHA-256 still apply to it.
   */
  readonly archiveMd5?: string;
  /** Largest download accepted, in bytes. */
  readonly maxBytes: number;
}

/** Options of {@link resolveDownloadableDataset}. */
export interface ResolveDatasetOptions {
  /** A folder holding the files, or holding `<folder>/`. If given, it must be valid: no fallback. */
  readonly dataDir?: string;
  /** Environment for `DEEPUNHIDE_DATA`, the URL variable and the cache location (default `process.env`). */
  readonly env?: NodeJS.ProcessEnv;
  /** Cache folder (default: see `resolveCacheDir`). */
  readonly cacheDir?: string;
  /** Download URL (default: the URL variable, else the published URL). */
  readonly url?: string;
  /** Download progress. */
  readonly onProgress?: DownloadProgress;
  /** One-line notes on what is happening (where data was found, that a download starts). */
  readonly onInfo?: (message: string) => void;
  /** File name → hex SHA-256 the downloaded files must have (default: the published hashes). */
  readonly expectedSha256?: Readonly<Record<string, string>>;
  /**
   * Hex MD5 the downloaded zip must have (default: the dataset's published MD5 when the
   * download comes from its published URL, else none).
   */
  readonly expectedArchiveMd5?: string;
  /** Abort a download when no byte arrives for this long (default 30 s). */
  readonly stallTimeoutMs?: number;
  /** Refuse a download larger than this (default: the dataset's own limit). */
  readonly maxBytes?: number;
}

/** Where the data was found. */
export interface ResolvedDataset {
  /** Folder holding the dataset's files. */
  readonly dir: string;
  readonly origin: "data-dir" | "env" | "cache" | "download";
}

/**
 * Finds `dataset`, in this order: `dataDir` (the folder itself or its `<folder>/`), then
 * `$DEEPUNHIDE_DATA` (same rule), then a complete `<cache>/<folder>`, then a download,
 * checked against the published checksums (the zip's MD5, each file's SHA-256, each zip
 * entry's CRC-32) and installed into the cache atomically.
 *
 * An explicit `dataDir` or `DEEPUNHIDE_DATA` that lacks the files is an error rather than a
 * reason to download: the user asked for that folder. Every failure is a {@link DownloadError}
 * that says how to provide the data by hand.
 */
export async function resolveDownloadableDataset(
  dataset: DownloadableDataset,
  options: ResolveDatasetOptions = {},
): Promise<ResolvedDataset> {
  const env = options.env ?? process.env;
  if (options.dataDir !== undefined) {
    return {
      dir: await requireDataFolder(dataset, options.dataDir, "--data-dir"),
      origin: "data-dir",
    };
  }
  const envDir = env.DEEPUNHIDE_DATA;
  if (envDir !== undefined && envDir !== "") {
    return { dir: await requireDataFolder(dataset, envDir, "DEEPUNHIDE_DATA"), origin: "env" };
  }
  const cached = join(resolveCacheDir({ cacheDir: options.cacheDir, env }), dataset.folder);
  if (await isCacheEntryComplete(cached)) return { dir: cached, origin: "cache" };

  const url = options.url ?? nonEmpty(env[dataset.urlVariable]) ?? dataset.url;
  options.onInfo?.(`${dataset.title} not found locally; downloading ${url} into ${cached}`);
  try {
    const zip = await downloadToMemory(url, {
      onProgress: options.onProgress,
      stallTimeoutMs: options.stallTimeoutMs,
      maxBytes: options.maxBytes ?? dataset.maxBytes,
    });
    const archiveMd5 = expectedArchiveMd5(dataset, url, options);
    if (archiveMd5 !== undefined) verifyArchiveMd5(zip, archiveMd5, url);
    const files = extractArchiveFolder(zip, dataset, url);
    verifySha256(files, options.expectedSha256 ?? dataset.sha256, url);
    await installCacheEntry(cached, files, url);
  } catch (error) {
    throw withManualHint(error, dataset, url);
  }
  options.onInfo?.(`${dataset.title} installed in ${cached}`);
  return { dir: cached, origin: "download" };
}

/**
 * Takes the plain files under `<folder>/` out of the zip (nested folders and odd names such
 * as `__MACOSX` entries are skipped, which also rules out path traversal). Throws
 * {@link DownloadError} when the bytes are not a zip or a needed file is missing.
 */
export function extractArchiveFolder(
  zip: Uint8Array,
  dataset: Pick<DownloadableDataset, "folder" | "files" | "url">,
  origin: string,
): Map<string, Uint8Array> {
  const prefix = `${dataset.folder}/`;
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
  // fflate does not compare an entry's CRC-32 with what it inflates: check it here, so a byte
  // flipped in transit never reaches the cache.
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
  const missing = dataset.files.filter((name) => !files.has(name));
  if (missing.length > 0) {
    const expected = dataset.url.slice(dataset.url.lastIndexOf("/") + 1);
    throw new DownloadError(
      `the archive from ${origin} lacks ${missing.map((m) => `${prefix}${m}`).join(", ")}; is it really ${expected}?`,
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

/**
 * The MD5 a download from `url` must have: the caller's, else the dataset's published one
 * when `url` is where the dataset is published, else none.
 */
export function expectedArchiveMd5(
  dataset: Pick<DownloadableDataset, "url" | "archiveMd5">,
  url: string,
  options: Pick<ResolveDatasetOptions, "expectedArchiveMd5"> = {},
): string | undefined {
  if (options.expectedArchiveMd5 !== undefined) return options.expectedArchiveMd5;
  return url === dataset.url ? dataset.archiveMd5 : undefined;
}

/** Checks the zip's bytes against `expected` (hex MD5); a mismatch is a {@link DownloadError}. */
export function verifyArchiveMd5(zip: Uint8Array, expected: string, origin: string): void {
  const actual = createHash("md5").update(zip).digest("hex");
  if (actual !== expected.toLowerCase()) {
    throw new DownloadError(
      `checksum mismatch for the archive from ${origin}: expected MD5 ${expected}, got ${actual}`,
    );
  }
}

/** What to do when the download cannot happen, appended to every download failure. */
export function manualDownloadHint(
  dataset: Pick<DownloadableDataset, "folder">,
  url: string,
): string {
  return `To provide the data by hand: download ${url}, unzip it, and pass --data-dir DIR or set DEEPUNHIDE_DATA=DIR, where DIR is the folder holding ${dataset.folder}/.`;
}

function withManualHint(error: unknown, dataset: DownloadableDataset, url: string): DownloadError {
  const reason =
    error instanceof DownloadError
      ? error.message
      : `could not install ${dataset.title} from ${url}: ${error instanceof Error ? error.message : String(error)}`;
  return new DownloadError(`${reason.replace(/[.?!]$/, "")}. ${manualDownloadHint(dataset, url)}`);
}

/** `folder` itself if it holds the files, else `folder/<dataset folder>` if that does, else an error. */
async function requireDataFolder(
  dataset: DownloadableDataset,
  folder: string,
  source: string,
): Promise<string> {
  if (!(await isDirectory(folder))) {
    throw new DownloadError(`${source} ${folder}: no such folder`);
  }
  const direct = await missingFiles(dataset, folder);
  if (direct.length === 0) return folder;
  const nested = join(folder, dataset.folder);
  if ((await isDirectory(nested)) && (await missingFiles(dataset, nested)).length === 0) {
    return nested;
  }
  const where = (await isDirectory(nested)) ? nested : folder;
  const missing = where === nested ? await missingFiles(dataset, nested) : direct;
  throw new DownloadError(
    `${source} ${folder} does not hold ${dataset.title}: expected ${dataset.files.join(", ")} in ${folder} or in ${nested}; missing in ${where}: ${missing.join(", ")}`,
  );
}

async function missingFiles(dataset: DownloadableDataset, folder: string): Promise<string[]> {
  const missing: string[] = [];
  for (const name of dataset.files) {
    try {
      if (!(await stat(join(folder, name))).isFile()) missing.push(name);
    } catch {
      missing.push(name);
    }
  }
  return missing;
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}
