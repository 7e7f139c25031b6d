/**
 * Finding MovieLens 100K on this machine, or fetching it once into the cache: the data may not
 * be redistributed, so the tool downloads it from GroupLens like other recommender toolkits do.
 */

import { stat } from "node:fs/promises";
import { join } from "node:path";
import { DownloadError } from "../errors.js";
import { installCacheEntry, isCacheEntryComplete, resolveCacheDir } from "./cache.js";
import { type DownloadProgress, downloadToMemory } from "./download.js";
import {
  extractMl100kArchive,
  ML100K_ARCHIVE_FOLDER,
  ML100K_SHA256,
  verifySha256,
} from "./ml100kArchive.js";
import { ML100K_FILES } from "./movielens100k.js";

/** Where GroupLens publishes MovieLens 100K. */
export const ML100K_URL = "https://files.grouplens.org/datasets/movielens/ml-100k.zip";

/** Options of {@link resolveMovieLens100k}. */
export interface ResolveMovieLens100kOptions {
  /** A folder holding `u.data` etc., or holding `ml-100k/`. If given, it must be valid: no fallback. */
  readonly dataDir?: string;
  /** Environment for `DEEPUNHIDE_DATA`, `DEEPUNHIDE_ML100K_URL` and the cache location (default `process.env`). */
  readonly env?: NodeJS.ProcessEnv;
  /** Cache folder (default: see `resolveCacheDir`). */
  readonly cacheDir?: string;
  /** Download URL (default `$DEEPUNHIDE_ML100K_URL`, else {@link ML100K_URL}). */
  readonly url?: string;
  /** Download progress. */
  readonly onProgress?: DownloadProgress;
  /** One-line notes on what is happening (where data was found, that a download starts). */
  readonly onInfo?: (message: string) => void;
  /** File name → hex SHA-256 the downloaded files must have (default: the published hashes). */
  readonly expectedSha256?: Readonly<Record<string, string>>;
  /** Abort a download when no byte arrives for this long (default 30 s). */
  readonly stallTimeoutMs?: number;
  /** Refuse a download larger than this (default 64 MiB; the real zip is about 5 MB). */
  readonly maxBytes?: number;
}

/** Where the data was found. */
export interface ResolvedMovieLens100k {
  /** Folder holding `u.data`, `u.item`, `u.user`, `u.genre`. */
  readonly dir: string;
  readonly origin: "data-dir" | "env" | "cache" | "download";
}

const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

/**
 * Finds MovieLens 100K, in this order: `dataDir` (the folder itself or its `ml-100k/`), then
 * `$DEEPUNHIDE_DATA` (same rule), then a complete `<cache>/ml-100k`, then a download from
 * GroupLens, checked against the published SHA-256 and installed into the cache atomically.
 *
 * An explicit `dataDir` or `DEEPUNHIDE_DATA` that lacks the files is an error rather than a
 * reason to download: the user asked for that folder. Every failure is a {@link DownloadError}
 * that says how to provide the data by hand.
 */
export async function resolveMovieLens100k(
  options: ResolveMovieLens100kOptions = {},
): Promise<ResolvedMovieLens100k> {
  const env = options.env ?? process.env;
  if (options.dataDir !== undefined) {
    return { dir: await requireDataFolder(options.dataDir, "--data-dir"), origin: "data-dir" };
  }
  const envDir = env.DEEPUNHIDE_DATA;
  if (envDir !== undefined && envDir !== "") {
    return { dir: await requireDataFolder(envDir, "DEEPUNHIDE_DATA"), origin: "env" };
  }
  const cached = join(resolveCacheDir({ cacheDir: options.cacheDir, env }), ML100K_ARCHIVE_FOLDER);
  if (await isCacheEntryComplete(cached)) return { dir: cached, origin: "cache" };

  const url = options.url ?? nonEmpty(env.DEEPUNHIDE_ML100K_URL) ?? ML100K_URL;
  options.onInfo?.(`MovieLens 100K not found locally; downloading ${url} into ${cached}`);
  try {
    const zip = await downloadToMemory(url, {
      onProgress: options.onProgress,
      stallTimeoutMs: options.stallTimeoutMs,
      maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES,
    });
    const files = extractMl100kArchive(zip, url);
    verifySha256(files, options.expectedSha256 ?? ML100K_SHA256, url);
    await installCacheEntry(cached, files, url);
  } catch (error) {
    throw withManualHint(error, url);
  }
  options.onInfo?.(`MovieLens 100K installed in ${cached}`);
  return { dir: cached, origin: "download" };
}

/** What to do when the download cannot happen, appended to every download failure. */
export function manualDownloadHint(url: string): string {
  return `To provide the data by hand: download ${url}, unzip it, and pass --data-dir DIR or set DEEPUNHIDE_DATA=DIR, where DIR is the folder holding ml-100k/.`;
}

function withManualHint(error: unknown, url: string): DownloadError {
  const reason =
    error instanceof DownloadError
      ? error.message
      : `could not install MovieLens 100K from ${url}: ${error instanceof Error ? error.message : String(error)}`;
  return new DownloadError(`${reason.replace(/[.?!]$/, "")}. ${manualDownloadHint(url)}`);
}

/** `folder` itself if it holds the files, else `folder/ml-100k` if that does, else an error. */
async function requireDataFolder(folder: string, source: string): Promise<string> {
  if (!(await isDirectory(folder))) {
    throw new DownloadError(`${source} ${folder}: no such folder`);
  }
  const direct = await missingFiles(folder);
  if (direct.length === 0) return folder;
  const nested = join(folder, ML100K_ARCHIVE_FOLDER);
  if ((await isDirectory(nested)) && (await missingFiles(nested)).length === 0) return nested;
  const where = (await isDirectory(nested)) ? nested : folder;
  const missing = where === nested ? await missingFiles(nested) : direct;
  throw new DownloadError(
    `${source} ${folder} does not hold MovieLens 100K: expected ${ML100K_FILES.join(", ")} in ${folder} or in ${nested}; missing in ${where}: ${missing.join(", ")}`,
  );
}

async function missingFiles(folder: string): Promise<string[]> {
  const missing: string[] = [];
  for (const name of ML100K_FILES) {
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
