import { join } from "node:path";
import type { Dataset } from "../data/dataset.js";
import { type DelimitedDatasetConfig, loadDelimitedDataset } from "../data/delimitedRatings.js";
import { keepUsers, usersWithValues } from "../data/keepUsers.js";
import { loadMovieLens1m } from "../data/movielens1m.js";
import { loadMovieLens100k } from "../data/movielens100k.js";
import { loadMyAnimeList } from "../data/myAnimeList.js";
import { resolveMovieLens1m } from "../data/resolveMovieLens1m.js";
import { resolveMovieLens100k } from "../data/resolveMovieLens100k.js";
import { generateSynthetic } from "../data/synthetic.js";
import { SYNTHETIC_PRESETS } from "../data/syntheticConfig.js";
import { ConfigError, DownloadError } from "../errors.js";

/** The datasets `deepunhide run --dataset` knows by name. */
export const DATASET_NAMES = [
  "synthetic",
  "synthetic-ml-1m",
  "synthetic-mal",
  "ml-100k",
  "ml-1m",
  "myanimelist",
  "csv",
] as const;

/** A dataset name accepted by {@link loadNamedDataset}. */
export type DatasetName = (typeof DATASET_NAMES)[number];

/** Where to look for data, and whom to tell about downloads. */
export interface LoadDatasetOptions {
  /** A folder holding the dataset's files (wins over everything else). */
  readonly dataDir?: string;
  /** Environment to read `DEEPUNHIDE_DATA` and friends from. */
  readonly env?: NodeJS.ProcessEnv;
  /** Cache folder override. */
  readonly cacheDir?: string;
  /** Seed of the synthetic generator. */
  readonly dataSeed?: number;
  /** MyAnimeList: the day ages are computed at (default 2018-05-01). */
  readonly referenceDate?: string;
  /** `csv`: the two files and how to read them (see `loadDelimitedDataset`). */
  readonly delimited?: Partial<DelimitedDatasetConfig>;
  /**
   * User attributes the run's groups read: users without a value for one of them are dropped
   * (with a note), since they belong to no group. MyAnimeList users who did not state a gender
   * or a birth date are the common case.
   */
  readonly groupAttributes?: readonly string[];
  /** Download progress. */
  readonly onDownloadProgress?: (received: number, total: number | undefined) => void;
  /** One-line notices (where the data came from). */
  readonly onInfo?: (message: string) => void;
}

/** The default seed of the built-in synthetic dataset. */
export const DEFAULT_DATA_SEED = 7;

/**
 * Loads a dataset by name: `synthetic` (ML-100K's shape), `synthetic-ml-1m` and
 * `synthetic-mal` (MovieLens 1M's and MyAnimeList's shapes, see `SYNTHETIC_PRESETS`) are
 * generated (no network); `ml-100k` and `ml-1m` are found locally or downloaded (see
 * `resolveDownloadableDataset`); `myanimelist` is read from `dataDir` or
 * `$DEEPUNHIDE_DATA/myanimelist` (Kaggle's terms do not allow a download here); `csv` reads
 * the two files of `delimited`. Users lacking a value the groups need are dropped.
 */
export async function loadNamedDataset(
  name: string,
  options: LoadDatasetOptions = {},
): Promise<Dataset> {
  const dataset = await loadByName(name, options);
  const attributes = (options.groupAttributes ?? []).filter(
    (attribute) => dataset.userAttributes[attribute] !== undefined,
  );
  const keep = usersWithValues(dataset, attributes);
  const kept = keepUsers(dataset, keep);
  const dropped = dataset.users.ids.length - kept.users.ids.length;
  if (dropped > 0) {
    options.onInfo?.(
      `${dropped.toLocaleString("en-US")} of ${dataset.users.ids.length.toLocaleString("en-US")} users dropped: no value for ${attributes.join(" or ")}`,
    );
  }
  return kept;
}

async function loadByName(name: string, options: LoadDatasetOptions): Promise<Dataset> {
  if (name !== "csv" && options.delimited !== undefined) {
    throw new ConfigError(`--ratings and --user-attributes belong to --dataset csv, not ${name}`);
  }
  const resolveOptions = {
    dataDir: options.dataDir,
    env: options.env ?? process.env,
    cacheDir: options.cacheDir,
    onProgress: options.onDownloadProgress,
    onInfo: options.onInfo,
  };
  switch (name) {
    case "synthetic":
    case "synthetic-ml-1m":
    case "synthetic-mal": {
      if (options.dataDir !== undefined) {
        throw new ConfigError(
          "--data-dir does not apply to the synthetic dataset, which is generated",
        );
      }
      const seed = options.dataSeed ?? DEFAULT_DATA_SEED;
      if (name === "synthetic") return generateSynthetic({}, seed).dataset;
      const preset = name === "synthetic-mal" ? SYNTHETIC_PRESETS.mal : SYNTHETIC_PRESETS["ml-1m"];
      return { ...generateSynthetic(preset, seed).dataset, name };
    }
    case "ml-100k": {
      const { dir, origin } = await resolveMovieLens100k(resolveOptions);
      options.onInfo?.(`MovieLens 100K from ${dir} (${origin})`);
      return loadMovieLens100k(dir);
    }
    case "ml-1m": {
      const { dir, origin } = await resolveMovieLens1m(resolveOptions);
      options.onInfo?.(`MovieLens 1M from ${dir} (${origin})`);
      return loadMovieLens1m(dir);
    }
    case "myanimelist": {
      const env = options.env ?? process.env;
      const root = options.dataDir ?? nonEmpty(env.DEEPUNHIDE_DATA);
      if (root === undefined) {
        throw new DownloadError(
          "MyAnimeList is not downloaded automatically: get the Kaggle dataset azathoth42/myanimelist (users_cleaned.csv, animelists_cleaned.csv, anime_cleaned.csv) and pass --data-dir DIR, or set DEEPUNHIDE_DATA=DIR where DIR holds myanimelist/",
        );
      }
      const dir = options.dataDir !== undefined ? root : join(root, "myanimelist");
      options.onInfo?.(`MyAnimeList from ${dir}`);
      return loadMyAnimeList(dir, { referenceDate: options.referenceDate, onInfo: options.onInfo });
    }
    case "csv": {
      const delimited = options.delimited ?? {};
      const { ratingsFile, userAttributesFile } = delimited;
      if (ratingsFile === undefined || userAttributesFile === undefined) {
        throw new ConfigError("--dataset csv needs --ratings FILE and --user-attributes FILE");
      }
      if (options.dataDir !== undefined) {
        throw new ConfigError(
          "--data-dir does not apply to --dataset csv; use --ratings and --user-attributes",
        );
      }
      return loadDelimitedDataset({
        ...delimited,
        ratingsFile,
        userAttributesFile,
        onInfo: options.onInfo,
      });
    }
    default:
      throw new ConfigError(
        `unknown dataset "${name}"; choose one of: ${DATASET_NAMES.join(", ")}`,
      );
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}
