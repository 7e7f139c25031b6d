/**
 * The download cache: where it lives, how an entry (a folder of files) is installed atomically,
 * and how a complete entry is told apart from the remains of an interrupted one.
 */

import { readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { basename, dirname, isAbsolute, join } from "node:path";
import { replaceDirAtomic } from "../io/atomic.js";
import { sha256Hex } from "../util/sha256.js";
import type { SourceFile } from "./dataset.js";

/** Name of the marker file written last into a cache entry; its presence means "complete". */
export const COMPLETE_MARKER = ".complete";

/** Options that decide where the cache lives. */
export interface CacheDirOptions {
  /** Explicit cache folder; wins over everything else. */
  readonly cacheDir?: string;
  /** Environment to read `DEEPUNHIDE_CACHE_DIR` and `XDG_CACHE_HOME` from (default `process.env`). */
  readonly env?: NodeJS.ProcessEnv;
  /** Home folder for the final fallback (default `os.homedir()`). */
  readonly home?: string;
}

/**
 * The cache folder: `cacheDir`, else `$DEEPUNHIDE_CACHE_DIR`, else `$XDG_CACHE_HOME/deepunhide`,
 * else `~/.cache/deepunhide`. A relative `XDG_CACHE_HOME` is ignored, as the XDG spec asks.
 */
export function resolveCacheDir(options: CacheDirOptions = {}): string {
  if (options.cacheDir !== undefined && options.cacheDir !== "") return options.cacheDir;
  const env = options.env ?? process.env;
  const own = env.DEEPUNHIDE_CACHE_DIR;
  if (own !== undefined && own !== "") return own;
  const xdg = env.XDG_CACHE_HOME;
  if (xdg !== undefined && xdg !== "" && isAbsolute(xdg)) return join(xdg, "deepunhide");
  return join(options.home ?? homedir(), ".cache", "deepunhide");
}

/** Contents of the {@link COMPLETE_MARKER} file. */
export interface CacheMarker {
  /** Where the entry came from (a URL). */
  readonly origin: string;
  /** Every file of the entry with its size and hash at install time. */
  readonly files: readonly SourceFile[];
}

/**
 * True when `dir` is a complete cache entry: the marker exists, parses, and every file it lists
 * is present with the recorded size. Sizes, not hashes, so the check stays cheap; the loader
 * hashes the files it reads anyway and results record those hashes.
 */
export async function isCacheEntryComplete(dir: string): Promise<boolean> {
  let marker: CacheMarker;
  try {
    marker = JSON.parse(await readFile(join(dir, COMPLETE_MARKER), "utf8")) as CacheMarker;
  } catch {
    return false;
  }
  if (!Array.isArray(marker.files) || marker.files.length === 0) return false;
  for (const file of marker.files) {
    if (typeof file?.name !== "string" || !isPlainFileName(file.name)) return false;
    try {
      const info = await stat(join(dir, file.name));
      if (!info.isFile() || info.size !== file.bytes) return false;
    } catch {
      return false;
    }
  }
  return true;
}

/** A file name without any path part, safe to join onto a folder. */
export function isPlainFileName(name: string): boolean {
  return /^[A-Za-z0-9_][A-Za-z0-9._-]*$/.test(name) && name !== "." && name !== "..";
}

/**
 * Installs `files` as the cache entry `dir`, atomically: everything is written into a temporary
 * folder beside `dir`, the marker last, and the folder is renamed into place. If anything
 * fails, no `dir` appears (an older entry stays as it was) and the temporary folder is removed.
 */
export async function installCacheEntry(
  dir: string,
  files: ReadonlyMap<string, Uint8Array>,
  origin: string,
): Promise<void> {
  for (const name of files.keys()) {
    if (!isPlainFileName(name)) throw new RangeError(`unsafe cache file name "${name}"`);
  }
  await removeStaleTemps(dir);
  await replaceDirAtomic(dir, async (temp) => {
    const listed: SourceFile[] = [];
    for (const [name, bytes] of files) {
      await writeFile(join(temp, name), bytes);
      listed.push({ name, bytes: bytes.length, sha256: sha256Hex(bytes) });
    }
    const marker: CacheMarker = { origin, files: listed };
    await writeFile(join(temp, COMPLETE_MARKER), `${JSON.stringify(marker, null, 2)}\n`, {
      flush: true,
    });
  });
}

/** Temp folders older than this are left-overs of a killed process, not a running install. */
const STALE_TEMP_MS = 60 * 60 * 1000;

/**
 * Removes temporary folders a killed process left beside `dir` (`.name.<hex>.tmp|.old`), but
 * only old ones: a young one may belong to another process installing right now.
 */
export async function removeStaleTemps(dir: string, now: number = Date.now()): Promise<void> {
  const parent = dirname(dir);
  const prefix = `.${basename(dir)}.`;
  let names: string[];
  try {
    names = await readdir(parent);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !(name.endsWith(".tmp") || name.endsWith(".old"))) continue;
    const path = join(parent, name);
    try {
      const info = await stat(path);
      if (now - info.mtimeMs > STALE_TEMP_MS) await rm(path, { recursive: true, force: true });
    } catch {
      // Gone already (another process cleaned it): nothing to do.
    }
  }
}
