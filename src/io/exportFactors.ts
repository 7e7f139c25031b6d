/**
 * `exportFactors`: deepunhide's own factors (or any {@link ImportedFactors} with ids) in the
 * formats `importFactors` reads, so they open in pandas, numpy, implicit or Spark, and so a
 * round trip through any format gives the same bits and ids back.
 */

import { join } from "node:path";
import { ConfigError } from "../errors.js";
import { replaceDirAtomic, writeFileAtomic } from "./atomic.js";
import { formatFactorsCsv } from "./factorsCsv.js";
import type { FactorFormat, ImportedFactors } from "./importedFactors.js";
import { FACTOR_FILE_NAMES } from "./importFactors.js";
import { encodeNpy } from "./npy.js";
import { encodeNpz, NPZ_ITEM_KEY, NPZ_USER_KEY } from "./npz.js";
import { checkReplaceableFolder } from "./runFolder.js";
import { sparkAlsModelFiles } from "./sparkAlsModel.js";

/** Factors with both id maps, as a model folder holds them. */
export interface FactorsWithIds extends ImportedFactors {
  readonly userIds: string[];
  readonly itemIds: string[];
}

/**
 * The files of an export, relative path → content:
 * - `csv`: `user_factors.csv`, `item_factors.csv` (`id,f0,…,fK-1` with a header);
 * - `npy`: `user_factors.npy`, `item_factors.npy` (float32, C order) + `user_ids.txt`, `item_ids.txt`;
 * - `npz`: `factors.npz` (`user_factors`, `item_factors`, stored like `np.savez`) + the id files;
 * - `spark`: a Spark `ALSModel` folder (ids must be 32-bit integers).
 *
 * @throws ConfigError for an id holding a line break (id files are one id per line), or a
 *   non-integer id in the Spark format.
 */
export function factorFiles(
  factors: FactorsWithIds,
  format: FactorFormat,
): Record<string, Uint8Array | string> {
  const { k, userCount, itemCount, userFactors, itemFactors } = factors.factors;
  switch (format) {
    case "csv":
      return {
        [FACTOR_FILE_NAMES.csv.users]: formatFactorsCsv(factors.userIds, userFactors, k),
        [FACTOR_FILE_NAMES.csv.items]: formatFactorsCsv(factors.itemIds, itemFactors, k),
      };
    case "npy":
      return {
        [FACTOR_FILE_NAMES.npy.users]: encodeNpy(userFactors, [userCount, k]),
        [FACTOR_FILE_NAMES.npy.items]: encodeNpy(itemFactors, [itemCount, k]),
        ...idFiles(factors),
      };
    case "npz":
      return {
        [FACTOR_FILE_NAMES.npz]: encodeNpz({
          [NPZ_USER_KEY]: { data: userFactors, shape: [userCount, k] },
          [NPZ_ITEM_KEY]: { data: itemFactors, shape: [itemCount, k] },
        }),
        ...idFiles(factors),
      };
    case "spark":
      return sparkAlsModelFiles(factors);
    default:
      throw new ConfigError(`unknown factor format "${String(format)}"`);
  }
}

/** Every top-level entry an export of any format writes: the only ones an export may replace. */
const EXPORT_ENTRIES = [
  FACTOR_FILE_NAMES.csv.users,
  FACTOR_FILE_NAMES.csv.items,
  FACTOR_FILE_NAMES.npy.users,
  FACTOR_FILE_NAMES.npy.items,
  FACTOR_FILE_NAMES.npz,
  FACTOR_FILE_NAMES.userIds,
  FACTOR_FILE_NAMES.itemIds,
  "metadata",
  "userFactors",
  "itemFactors",
];

/**
 * Writes {@link factorFiles} into the folder `dir`, replacing it atomically: a reader sees
 * the previous folder or the complete new one.
 * @throws ConfigError when `dir` holds files that no export writes (they would be deleted).
 */
export async function exportFactors(
  dir: string,
  factors: FactorsWithIds,
  format: FactorFormat,
): Promise<string[]> {
  const files = factorFiles(factors, format);
  await checkReplaceableFolder(dir, EXPORT_ENTRIES, "a factor export's");
  await replaceDirAtomic(dir, async (temp) => {
    for (const [name, content] of Object.entries(files))
      await writeFileAtomic(join(temp, name), content);
  });
  return Object.keys(files).sort();
}

function idFiles(factors: FactorsWithIds): Record<string, string> {
  const lines = (ids: readonly string[], what: string) => {
    const bad = ids.find((id) => /[\r\n]/.test(id));
    if (bad !== undefined) {
      throw new ConfigError(`${what} id ${JSON.stringify(bad)} holds a line break; export as csv`);
    }
    return ids.length === 0 ? "" : `${ids.join("\n")}\n`;
  };
  return {
    [FACTOR_FILE_NAMES.userIds]: lines(factors.userIds, "user"),
    [FACTOR_FILE_NAMES.itemIds]: lines(factors.itemIds, "item"),
  };
}
