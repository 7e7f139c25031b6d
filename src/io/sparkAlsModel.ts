/**
 * A saved Spark ML `ALSModel` folder, the way `model.write().save(path)` lays it out:
 * `metadata/part-00000` (one JSON line whose top-level `rank` is the factor count),
 * `userFactors/` and `itemFactors/` (Parquet parts with `id: int` and `features: array<float>`,
 * usually snappy-compressed), each folder with `_SUCCESS` and `.crc` files beside the parts.
 * Read with hyparquet and written with hyparquet-writer, both pure JavaScript.
 */

import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { parquetMetadata, parquetRead, parquetSchema } from "hyparquet";
import { parquetWriteBuffer } from "hyparquet-writer";
import type { SourceFile } from "../data/dataset.js";
import { readDataFile } from "../data/textFile.js";
import { ConfigError, DataFormatError } from "../errors.js";
import type { FactorSide, ImportedFactors } from "./importedFactors.js";

/** Spark's class name of a fitted ALS model, as its metadata records it. */
export const SPARK_ALS_MODEL_CLASS = "org.apache.spark.ml.recommendation.ALSModel";

/** The RDD-era model (`MatrixFactorizationModel.save`): `data/user` and `data/product`, double features. */
export const SPARK_MLLIB_MODEL_CLASS =
  "org.apache.spark.mllib.recommendation.MatrixFactorizationModel";

/** What a Spark ALSModel folder held, with the files it was read from. */
export interface SparkAlsModelContents {
  readonly sides: { readonly users: FactorSide; readonly items: FactorSide };
  /** The metadata's `rank`. */
  readonly rank: number;
  /** The metadata's `sparkVersion`, when present. */
  readonly sparkVersion: string | undefined;
  /** Every file read (metadata and Parquet parts), `name` being its path. */
  readonly sources: readonly SourceFile[];
}

/**
 * Reads a saved `ALSModel` folder: the rank from its metadata, then every Parquet part of
 * `userFactors/` and `itemFactors/` (files starting with `_` or `.`, such as `_SUCCESS` and
 * `.crc` checksums, are skipped). The RDD-era `MatrixFactorizationModel` folder (metadata
 * class `…mllib…`, parts in `data/user` and `data/product`, double features) is read too. A
 * null `features` value or a null element, as some writers leave for a row without data,
 * makes the row NaN, judged later like any other non-finite row.
 *
 * @throws DataFormatError naming the file for a missing or unreadable metadata file, a
 *   metadata without an integer `rank`, a factor folder without Parquet parts, a part without
 *   an `id` or `features` column, a null id, or a feature vector whose length is not the rank.
 */
export async function readSparkAlsModel(dir: string): Promise<SparkAlsModelContents> {
  const sources: SourceFile[] = [];
  const metadataDir = join(dir, "metadata");
  const metadataParts = await dataFiles(metadataDir, "the metadata of a Spark ALSModel");
  const metadataFile = await readDataFile(metadataDir, metadataParts[0]);
  sources.push({ ...metadataFile.source, name: metadataFile.path });
  const { rank, sparkVersion, className } = parseMetadata(metadataFile.bytes, metadataFile.path);
  const [userDir, itemDir] =
    className === SPARK_MLLIB_MODEL_CLASS
      ? ["data/user", "data/product"]
      : ["userFactors", "itemFactors"];
  const side = async (name: string): Promise<FactorSide> => {
    const sideDir = join(dir, name);
    const parts = await dataFiles(sideDir, `the ${name} of a Spark ALSModel`);
    const loaded = [];
    for (const part of parts) {
      const file = await readDataFile(sideDir, part);
      sources.push({ ...file.source, name: file.path });
      loaded.push(file);
    }
    return readFactorParts(
      loaded.map((file) => ({ path: file.path, bytes: file.bytes })),
      rank,
      sideDir,
    );
  };
  const users = await side(userDir);
  const items = await side(itemDir);
  return { sides: { users, items }, rank, sparkVersion, sources };
}

/**
 * Reads `id`/`features` rows from Parquet parts into one side, in part order.
 * @param rank - the feature length every row must have.
 * @param dir - the folder, named when it has no rows' worth of parts.
 */
async function readFactorParts(
  parts: readonly { readonly path: string; readonly bytes: Uint8Array }[],
  rank: number,
  dir: string,
): Promise<FactorSide> {
  const metadata = parts.map((part) => {
    const buffer = exactArrayBuffer(part.bytes);
    let meta: ReturnType<typeof parquetMetadata>;
    try {
      meta = parquetMetadata(buffer);
    } catch (error) {
      throw new DataFormatError(
        { file: part.path },
        `not a readable Parquet file: ${(error as Error).message}`,
      );
    }
    const columns = parquetSchema(meta).children.map((child) => child.element.name);
    for (const column of ["id", "features"]) {
      if (!columns.includes(column)) {
        throw new DataFormatError(
          { file: part.path, field: column },
          `no "${column}" column (found: ${columns.join(", ") || "none"}); a Spark ALSModel's factors have id: int and features: array<float>`,
        );
      }
    }
    return { buffer, meta, path: part.path };
  });
  let total = 0;
  for (const { meta, path } of metadata) {
    const rows = Number(meta.num_rows);
    // A corrupt footer can claim any row count; refuse one no typed array could hold.
    if (!Number.isSafeInteger(rows) || rows < 0 || (total + rows) * rank > 2 ** 31) {
      throw new DataFormatError(
        { file: path },
        `claims ${meta.num_rows} rows of rank ${rank}, more than can be read (a corrupt footer?)`,
      );
    }
    total += rows;
  }
  const values = new Float32Array(total * rank);
  const ids: string[] = new Array(total);
  let offset = 0;
  for (const { buffer, meta, path } of metadata) {
    const base = offset;
    // hyparquet does not pass on an error thrown in onChunk, so problems are noted and
    // reported once the part is read (with the row's id, which may come in a later chunk).
    let missingId = -1;
    let wrongLength = -1;
    let wrongLengthFeatures = 0;
    await parquetRead({
      file: buffer,
      metadata: meta,
      columns: ["id", "features"],
      onChunk: (chunk) => {
        const data = chunk.columnData;
        for (let r = 0; r < data.length; r++) {
          const row = base + chunk.rowStart + r;
          if (chunk.columnName === "id") {
            const id = data[r];
            if (id === null || id === undefined) {
              if (missingId < 0) missingId = chunk.rowStart + r;
            } else ids[row] = String(id);
            continue;
          }
          const features = data[r] as ArrayLike<number> | null | undefined;
          if (features === null || features === undefined) {
            values.fill(Number.NaN, row * rank, (row + 1) * rank);
          } else if (features.length !== rank) {
            if (wrongLength < 0) {
              wrongLength = row;
              wrongLengthFeatures = features.length;
            }
          } else {
            for (let j = 0; j < rank; j++) values[row * rank + j] = features[j] ?? Number.NaN;
          }
        }
      },
    }).catch((error: unknown) => {
      throw new DataFormatError(
        { file: path },
        `cannot decode the Parquet data: ${(error as Error).message}`,
      );
    });
    if (missingId >= 0) {
      throw new DataFormatError({ file: path, field: "id" }, `row ${missingId + 1} has no id`);
    }
    if (wrongLength >= 0) {
      throw new DataFormatError(
        { file: path, field: "features" },
        `rank mismatch: id ${ids[wrongLength]} has ${wrongLengthFeatures} features, the model's metadata says rank ${rank}`,
      );
    }
    offset += Number(meta.num_rows);
  }
  return { file: dir, ids, values, rows: total, k: rank };
}

function parseMetadata(
  bytes: Uint8Array,
  file: string,
): { rank: number; sparkVersion: string | undefined; className: string | undefined } {
  const text = new TextDecoder().decode(bytes).split("\n")[0];
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw new DataFormatError({ file, line: 1 }, `not JSON: ${(error as Error).message}`);
  }
  const rank = json.rank;
  if (typeof rank !== "number" || !Number.isInteger(rank) || rank < 1) {
    throw new DataFormatError(
      { file, line: 1, field: "rank" },
      `expected a positive integer rank (Spark writes it at the top level of an ALSModel's metadata), found ${JSON.stringify(rank)}`,
    );
  }
  return {
    rank,
    sparkVersion: typeof json.sparkVersion === "string" ? json.sparkVersion : undefined,
    className: typeof json.class === "string" ? json.class : undefined,
  };
}

/** The data files of a Spark output folder, sorted: everything but `_SUCCESS`, `.crc` and the like. */
async function dataFiles(dir: string, what: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new DataFormatError(
      { file: dir },
      code === "ENOENT"
        ? `folder not found: expected ${what} here`
        : `cannot read the folder: ${(error as Error).message}`,
    );
  }
  const parts = names.filter((name) => !name.startsWith("_") && !name.startsWith(".")).sort();
  if (parts.length === 0) throw new DataFormatError({ file: dir }, `no data files (${what})`);
  return parts;
}

/** hyparquet wants an ArrayBuffer holding exactly the file (a Node Buffer is a view of a pool). */
function exactArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/**
 * The files of a Spark `ALSModel` folder holding `factors`, relative path → content:
 * metadata with `rank` (and ALS's default parameters, which Spark's reader expects), and one
 * snappy-compressed Parquet part per side with `id: int32` (required) and
 * `features: array<float>`, the schema Spark itself writes.
 *
 * @throws ConfigError when an id is not a 32-bit integer (Spark's ALS ids are `int`).
 */
export function sparkAlsModelFiles(factors: ImportedFactors): Record<string, Uint8Array | string> {
  const { k } = factors.factors;
  const params = {
    userCol: "user",
    itemCol: "item",
    predictionCol: "prediction",
    coldStartStrategy: "nan",
    blockSize: 4096,
  };
  const metadata = {
    class: SPARK_ALS_MODEL_CLASS,
    timestamp: 0,
    sparkVersion: "3.5.0",
    uid: "als_deepunhide",
    paramMap: params,
    defaultParamMap: params,
    rank: k,
  };
  const part = "part-00000-deepunhide.snappy.parquet";
  return {
    "metadata/part-00000": `${JSON.stringify(metadata)}\n`,
    "metadata/_SUCCESS": "",
    [`userFactors/${part}`]: factorPart(
      factors.userIds,
      factors.factors.userFactors,
      factors.factors.userCount,
      k,
      "user",
    ),
    "userFactors/_SUCCESS": "",
    [`itemFactors/${part}`]: factorPart(
      factors.itemIds,
      factors.factors.itemFactors,
      factors.factors.itemCount,
      k,
      "item",
    ),
    "itemFactors/_SUCCESS": "",
  };
}

function factorPart(
  ids: readonly string[] | undefined,
  values: Float32Array,
  rows: number,
  k: number,
  what: string,
): Uint8Array {
  const intIds = new Int32Array(rows);
  for (let row = 0; row < rows; row++) {
    const id = ids === undefined ? String(row) : ids[row];
    const n = Number(id);
    if (!/^-?\d+$/.test(id) || n < -2147483648 || n > 2147483647) {
      throw new ConfigError(
        `Spark ALS ids are 32-bit integers, but ${what} id "${id}" is not one; export as csv, npy or npz instead`,
      );
    }
    intIds[row] = n;
  }
  const features: number[][] = new Array(rows);
  for (let row = 0; row < rows; row++)
    features[row] = Array.from(values.subarray(row * k, (row + 1) * k));
  return new Uint8Array(
    parquetWriteBuffer({
      columnData: [
        { name: "id", data: intIds },
        { name: "features", data: features },
      ],
      schema: [
        { name: "spark_schema", num_children: 2 },
        { name: "id", type: "INT32", repetition_type: "REQUIRED" },
        { name: "features", repetition_type: "OPTIONAL", converted_type: "LIST", num_children: 1 },
        { name: "list", repetition_type: "REPEATED", num_children: 1 },
        { name: "element", type: "FLOAT", repetition_type: "REQUIRED" },
      ],
      codec: "SNAPPY",
    }),
  );
}
