import type { Dataset } from "../data/dataset.js";
import { loadMovieLens100k } from "../data/movielens100k.js";
import { resolveMovieLens100k } from "../data/resolveMovieLens100k.js";
import { generateSynthetic } from "../data/synthetic.js";
import { SYNTHETIC_PRESETS } from "../data/syntheticConfig.js";
import { ConfigError } from "../errors.js";

/** The datasets `deepunhide run --dataset` knows by name. */
export const DATASET_NAMES = ["synthetic", "synthetic-ml-1m", "synthetic-mal", "ml-100k"] as const;

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
 * generated (no network); `ml-100k` is found locally or downloaded (see
 * `resolveMovieLens100k`).
 */
export async function loadNamedDataset(
  name: string,
  options: LoadDatasetOptions = {},
): Promise<Dataset> {
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
      const { dir, origin } = await resolveMovieLens100k({
        dataDir: options.dataDir,
        env: options.env ?? process.env,
        cacheDir: options.cacheDir,
        onProgress: options.onDownloadProgress,
        onInfo: options.onInfo,
      });
      options.onInfo?.(`MovieLens 100K from ${dir} (${origin})`);
      return loadMovieLens100k(dir);
    }
    default:
      throw new ConfigError(
        `unknown dataset "${name}"; choose one of: ${DATASET_NAMES.join(", ")}`,
      );
  }
}
