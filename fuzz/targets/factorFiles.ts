/**
 * The factor importers (`importFactors`): one file of a small export, in each format (CSV,
 * .npy, .npz, a Spark ALSModel folder with Parquet parts), mutated per case.
 */

import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import fc from "fast-check";
import { factorFiles } from "../../src/io/exportFactors.js";
import { FACTOR_FORMATS, type FactorFormat } from "../../src/io/importedFactors.js";
import { importFactors } from "../../src/io/importFactors.js";
import { type FuzzTarget, invariant } from "../fuzzTarget.js";
import { type MutatedBytes, mutated } from "../mutations.js";

interface FactorCase {
  readonly format: FactorFormat;
  readonly file: string;
  readonly damage: MutatedBytes;
}

const exports: Record<string, Record<string, Uint8Array>> = {};
let caseDir = "";

/** importFactors: accepted factors have as many values as rows × K, and as many ids as rows. */
export const factorFilesTarget: FuzzTarget<FactorCase> = {
  name: "factor-files",
  reader: "factor imports (importFactors): CSV, .npy, .npz, Spark ALSModel Parquet",
  // Built lazily: the exported files exist only after setup().
  get input() {
    return fc.constantFrom(...FACTOR_FORMATS).chain((format) =>
      fc.constantFrom(...Object.keys(exports[format]).sort()).chain((file) =>
        mutated(fc.constant(exports[format][file]), 3).map((damage) => ({
          format,
          file,
          damage,
        })),
      ),
    );
  },
  // Every error must name the folder (or a file in it) the case was written to.
  mustName: () => caseDir,
  async setup() {
    const k = 3;
    const factors = {
      userIds: ["1", "2", "3", "4"],
      itemIds: ["10", "20", "30"],
      factors: {
        k,
        userCount: 4,
        itemCount: 3,
        userFactors: Float32Array.from({ length: 12 }, (_, x) => x / 4 - 1),
        itemFactors: Float32Array.from({ length: 9 }, (_, x) => x / 9),
      },
    };
    const encoder = new TextEncoder();
    for (const format of FACTOR_FORMATS) {
      exports[format] = {};
      for (const [name, content] of Object.entries(factorFiles(factors, format))) {
        exports[format][name] = typeof content === "string" ? encoder.encode(content) : content;
      }
    }
    caseDir = join(await mkdtemp(join(tmpdir(), "du-fuzz-factors-")), "case");
  },
  async run(c) {
    await rm(caseDir, { recursive: true, force: true });
    for (const [name, bytes] of Object.entries({
      ...exports[c.format],
      [c.file]: c.damage.bytes,
    })) {
      await mkdir(dirname(join(caseDir, name)), { recursive: true });
      await writeFile(join(caseDir, name), bytes);
    }
    const back = await importFactors(caseDir, { format: c.format });
    const { k, userCount, itemCount, userFactors, itemFactors } = back.factors;
    invariant(userFactors.length === userCount * k, "user values are not rows × K");
    invariant(itemFactors.length === itemCount * k, "item values are not rows × K");
    invariant(back.userIds === undefined || back.userIds.length === userCount, "user ids ≠ rows");
    invariant(back.itemIds === undefined || back.itemIds.length === itemCount, "item ids ≠ rows");
  },
};
