/**
 * `importFactors`: user and item factors trained by another engine, read from any of the
 * formats deepunhide knows, with the provenance of every file read. Matching the rows to a
 * dataset's users and items is the pipeline's job (`alignImportedFactors`).
 */

import { readdir, stat } from "node:fs/promises";
import { basename, dirname, extname, join } from "node:path";
import type { SourceFile } from "../data/dataset.js";
import { readDataFile, splitLines } from "../data/textFile.js";
import { ConfigError, DataFormatError } from "../errors.js";
import { parseFactorsCsv } from "./factorsCsv.js";
import {
  checkUniqueIds,
  FACTOR_FORMATS,
  type FactorFormat,
  type FactorSide,
  type ImportedFactors,
  joinFactorSides,
} from "./importedFactors.js";
import { decodeFactorMatrix, parseFactorsNpz } from "./npz.js";
import { readSparkAlsModel } from "./sparkAlsModel.js";

/** The file names `exportFactors` writes into its folder, which `importFactors` recognizes. */
export const FACTOR_FILE_NAMES = {
  csv: { users: "user_factors.csv", items: "item_factors.csv" },
  npy: { users: "user_factors.npy", items: "item_factors.npy" },
  npz: "factors.npz",
  userIds: "user_ids.txt",
  itemIds: "item_ids.txt",
} as const;

/** How to read factors. Every field is optional. */
export interface ImportFactorsOptions {
  /** The format, or `auto` (default): from the extension, or from what a folder holds. */
  readonly format?: FactorFormat | "auto";
  /** The item factors, for the two-file formats (csv, npy) when `path` is the user file. */
  readonly itemFactors?: string;
  /** A file of user ids, one per line in row order, for formats without ids (npy, npz). */
  readonly userIds?: string;
  /** A file of item ids, likewise. */
  readonly itemIds?: string;
}

/** Factors read by {@link importFactors}, with where they came from. */
export interface ImportedFactorsFile extends ImportedFactors {
  /** The path the factors were imported from, as given. */
  readonly path: string;
  readonly format: FactorFormat;
  /** The file (or folder) each side was read from, named in later errors and warnings. */
  readonly files: { readonly users: string; readonly items: string };
  /** Every file read, with its size and SHA-256 (`name` is the path as given). */
  readonly sources: readonly SourceFile[];
}

/**
 * Reads user and item factors: a CSV pair (`id,f0,…,fK-1`), a `.npy` pair, an implicit-style
 * `.npz` (`user_factors`, `item_factors`), a saved Spark `ALSModel` folder, or a folder
 * written by `exportFactors` (whose id files are then picked up too). Rows are returned as
 * they are, NaN included; the ranks of the two sides are checked here.
 *
 * @param path - a file, or a folder (Spark model, or an export folder).
 * @throws DataFormatError naming the file and the problem; ConfigError for an unknown format,
 *   a missing `itemFactors` file, or id files given for a format that carries its own ids.
 */
export async function importFactors(
  path: string,
  options: ImportFactorsOptions = {},
): Promise<ImportedFactorsFile> {
  const located = await locate(path, options);
  const sources: SourceFile[] = [];
  const read = async (file: string) => {
    const loaded = await readDataFile(dirname(file), basename(file));
    sources.push({ ...loaded.source, name: file });
    return loaded.bytes;
  };
  let users: FactorSide;
  let items: FactorSide;
  switch (located.format) {
    case "csv":
      users = parseFactorsCsv(await read(located.users), located.users);
      items = parseFactorsCsv(await read(located.items), located.items);
      break;
    case "npy":
      users = decodeFactorMatrix(await read(located.users), located.users);
      items = decodeFactorMatrix(await read(located.items), located.items);
      break;
    case "npz":
      ({ users, items } = parseFactorsNpz(await read(located.users), located.users));
      break;
    case "spark": {
      const model = await readSparkAlsModel(located.users);
      sources.push(...model.sources);
      ({ users, items } = model.sides);
      break;
    }
  }
  if (users.ids !== undefined && (located.userIds ?? located.itemIds) !== undefined) {
    throw new ConfigError(
      `${located.format} factors carry their own ids; --user-ids and --item-ids apply to npy and npz only`,
    );
  }
  if (located.userIds !== undefined)
    users = { ...users, ids: await readIds(located.userIds, users, read) };
  if (located.itemIds !== undefined)
    items = { ...items, ids: await readIds(located.itemIds, items, read) };
  if (users.ids !== undefined) checkUniqueIds(users.ids, users.file, "user");
  if (items.ids !== undefined) checkUniqueIds(items.ids, items.file, "item");
  return {
    ...joinFactorSides(users, items),
    path,
    format: located.format,
    files: { users: users.file, items: items.file },
    sources,
  };
}

interface Located {
  format: FactorFormat;
  /** The user file, the `.npz`, or the Spark folder. */
  users: string;
  items: string;
  userIds: string | undefined;
  itemIds: string | undefined;
}

async function locate(path: string, options: ImportFactorsOptions): Promise<Located> {
  const format = options.format ?? "auto";
  if (format !== "auto" && !(FACTOR_FORMATS as readonly string[]).includes(format)) {
    throw new ConfigError(
      `unknown factor format "${format}"; choose auto or one of: ${FACTOR_FORMATS.join(", ")}`,
    );
  }
  const ids = { userIds: options.userIds, itemIds: options.itemIds };
  if (await isFolder(path)) return locateInFolder(path, format, options);
  const detected = format === "auto" ? formatOfFile(path) : format;
  if (detected === "spark") {
    throw new DataFormatError({ file: path }, "a Spark ALSModel is a folder, not a file");
  }
  if (detected === "npz") return { format: detected, users: path, items: path, ...ids };
  if (options.itemFactors === undefined) {
    throw new ConfigError(
      `${detected} factors come as two files: pass the item factors too (--item-factors) beside ${path}`,
    );
  }
  return { format: detected, users: path, items: options.itemFactors, ...ids };
}

async function locateInFolder(
  dir: string,
  format: FactorFormat | "auto",
  options: ImportFactorsOptions,
): Promise<Located> {
  const names = new Set(await readdir(dir));
  const detected: FactorFormat | undefined =
    format !== "auto"
      ? format
      : names.has("metadata")
        ? "spark"
        : names.has(FACTOR_FILE_NAMES.npz)
          ? "npz"
          : names.has(FACTOR_FILE_NAMES.npy.users)
            ? "npy"
            : names.has(FACTOR_FILE_NAMES.csv.users)
              ? "csv"
              : undefined;
  if (detected === undefined) {
    throw new DataFormatError(
      { file: dir },
      `cannot tell which factors this folder holds: expected a Spark ALSModel (metadata/, userFactors/, itemFactors/), ${FACTOR_FILE_NAMES.npz}, ${FACTOR_FILE_NAMES.npy.users} or ${FACTOR_FILE_NAMES.csv.users}`,
    );
  }
  // An export folder's own id files, unless the caller named others.
  const idFile = (given: string | undefined, name: string) =>
    given ?? (detected !== "spark" && names.has(name) ? join(dir, name) : undefined);
  const hasIds = detected === "npy" || detected === "npz";
  const userIds = hasIds ? idFile(options.userIds, FACTOR_FILE_NAMES.userIds) : options.userIds;
  const itemIds = hasIds ? idFile(options.itemIds, FACTOR_FILE_NAMES.itemIds) : options.itemIds;
  if (detected === "spark") return { format: detected, users: dir, items: dir, userIds, itemIds };
  if (detected === "npz") {
    const file = join(dir, FACTOR_FILE_NAMES.npz);
    return { format: detected, users: file, items: file, userIds, itemIds };
  }
  const pair = FACTOR_FILE_NAMES[detected];
  return {
    format: detected,
    users: join(dir, pair.users),
    items: options.itemFactors ?? join(dir, pair.items),
    userIds,
    itemIds,
  };
}

function formatOfFile(path: string): FactorFormat {
  switch (extname(path).toLowerCase()) {
    case ".npz":
      return "npz";
    case ".npy":
      return "npy";
    case ".csv":
    case ".txt":
      return "csv";
    default:
      throw new ConfigError(
        `cannot tell the format of ${path} from its name; pass --format ${FACTOR_FORMATS.join("|")}`,
      );
  }
}

async function isFolder(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      throw new DataFormatError({ file: path }, "file not found");
    }
    throw error;
  }
}

/** One id per line, as many as the side has rows. */
async function readIds(
  file: string,
  side: FactorSide,
  read: (file: string) => Promise<Uint8Array>,
): Promise<string[]> {
  const ids = splitLines(new TextDecoder().decode(await read(file)));
  if (ids.length !== side.rows) {
    throw new DataFormatError(
      { file },
      `has ${ids.length} ids, but ${side.file} has ${side.rows} rows (one id per line, in row order)`,
    );
  }
  const empty = ids.indexOf("");
  if (empty >= 0) throw new DataFormatError({ file, line: empty + 1 }, "empty id");
  return ids;
}
