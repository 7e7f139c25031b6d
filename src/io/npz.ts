/**
 * NumPy `.npz` archives (a zip of `.npy` entries, stored by `numpy.savez`, deflated by
 * `numpy.savez_compressed`) and factor matrices read from them or from a pair of `.npy` files.
 * The Python library implicit keeps its factors as `user_factors` and `item_factors`; that is
 * the layout read and written here.
 */

import { unzipSync, zipSync } from "fflate";
import { DataFormatError, ModelFormatError } from "../errors.js";
import type { FactorSide } from "./importedFactors.js";
import { decodeNpy, encodeNpy } from "./npy.js";

/** The `.npz` key of the user factors, as implicit and `np.savez(user_factors=…)` write it. */
export const NPZ_USER_KEY = "user_factors";
/** The `.npz` key of the item factors. */
export const NPZ_ITEM_KEY = "item_factors";

/**
 * Reads the named entries of an `.npz` archive as raw `.npy` bytes, without decoding the
 * others (implicit's `model.save` adds parameter entries of dtypes this reader need not know).
 *
 * @throws DataFormatError naming the file when it is not a zip, or lacks one of `keys`
 *   (the message lists the keys it has).
 */
export function readNpzEntries(
  bytes: Uint8Array,
  file: string,
  keys: readonly string[],
): Record<string, Uint8Array> {
  const wanted = new Set(keys.map((key) => `${key}.npy`));
  let entries: Record<string, Uint8Array>;
  let names: string[] = [];
  try {
    entries = unzipSync(bytes, {
      filter: (entry) => {
        names.push(entry.name);
        return wanted.has(entry.name);
      },
    });
  } catch (error) {
    throw new DataFormatError(
      { file },
      `not a readable .npz (zip) archive: ${(error as Error).message}`,
    );
  }
  names = names.map((name) => name.replace(/\.npy$/, ""));
  const out: Record<string, Uint8Array> = {};
  for (const key of keys) {
    const entry = entries[`${key}.npy`];
    if (entry === undefined) {
      throw new DataFormatError(
        { file },
        `no '${key}' array in the archive (it holds: ${names.join(", ") || "nothing"}); save with np.savez(path, ${NPZ_USER_KEY}=…, ${NPZ_ITEM_KEY}=…)`,
      );
    }
    out[key] = entry;
  }
  return out;
}

/**
 * Encodes arrays as an `.npz` archive: one `<key>.npy` entry each, stored (as `numpy.savez`)
 * or deflated (as `numpy.savez_compressed`).
 */
export function encodeNpz(
  arrays: Readonly<Record<string, { readonly data: Float32Array; readonly shape: number[] }>>,
  compressed = false,
): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const [key, { data, shape }] of Object.entries(arrays))
    files[`${key}.npy`] = encodeNpy(data, shape);
  // A fixed timestamp, so the same factors give the same bytes.
  return zipSync(files, { level: compressed ? 6 : 0, mtime: new Date(1980, 0, 1) });
}

/**
 * Decodes one factor matrix from `.npy` bytes: a 2-D float array (`<f4` as implicit saves it,
 * or `<f8`, narrowed to float32), C or Fortran order.
 *
 * @param file - the path named in errors (for an archive entry, `archive.npz[key]`).
 * @throws DataFormatError naming the file for another dtype (integers, big-endian `>f4`), a
 *   shape that is not 2-D, or a malformed `.npy`.
 */
export function decodeFactorMatrix(bytes: Uint8Array, file: string): FactorSide {
  let array: ReturnType<typeof decodeNpy>;
  try {
    array = decodeNpy(bytes, file);
  } catch (error) {
    // decodeNpy speaks of model folders; here the file is the user's input.
    if (error instanceof ModelFormatError) {
      throw new DataFormatError({ file }, error.message.replace(`${file}: `, ""));
    }
    throw error;
  }
  const { data, shape, dtype } = array;
  if (!(data instanceof Float32Array || data instanceof Float64Array)) {
    throw new DataFormatError(
      { file },
      `wrong dtype '${dtype}': factors must be float32 ('<f4') or float64 ('<f8')`,
    );
  }
  if (shape.length !== 2) {
    throw new DataFormatError(
      { file },
      `wrong shape (${shape.join(", ")}): factors must be a 2-D matrix (rows, rank)`,
    );
  }
  const values = data instanceof Float32Array ? data : Float32Array.from(data);
  return { file, ids: undefined, values, rows: shape[0], k: shape[1] };
}

/**
 * Reads implicit-style factors from an `.npz` archive: `user_factors` and `item_factors`.
 * @throws DataFormatError naming the archive and the key at fault.
 */
export function parseFactorsNpz(
  bytes: Uint8Array,
  file: string,
): { users: FactorSide; items: FactorSide } {
  const entries = readNpzEntries(bytes, file, [NPZ_USER_KEY, NPZ_ITEM_KEY]);
  return {
    users: decodeFactorMatrix(entries[NPZ_USER_KEY], `${file}[${NPZ_USER_KEY}]`),
    items: decodeFactorMatrix(entries[NPZ_ITEM_KEY], `${file}[${NPZ_ITEM_KEY}]`),
  };
}
