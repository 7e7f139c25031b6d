/**
 * A fuzz target over a set of files a loader reads from one folder: per case one file is
 * mutated, the set is written to a fresh folder, and the loader runs on it.
 */

import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import type { Dataset } from "../../src/data/dataset.js";
import { checkDataset } from "../datasetInvariants.js";
import type { FuzzTarget } from "../fuzzTarget.js";
import { type MutatedBytes, mutated } from "../mutations.js";

/** One case: which file of the set is mutated, and how. */
export interface FileSetCase {
  readonly file: string;
  readonly damage: MutatedBytes;
}

/**
 * A target that mutates one of `files` per case and loads the folder with `load`; the loaded
 * dataset must pass {@link checkDataset}, and an error must name the mutated file.
 */
export function fileSetTarget(options: {
  readonly name: string;
  readonly reader: string;
  readonly files: Readonly<Record<string, Uint8Array>>;
  readonly load: (dir: string) => Promise<Dataset>;
}): FuzzTarget<FileSetCase> {
  let root = "";
  let caseNumber = 0;
  const names = Object.keys(options.files).sort();
  return {
    name: options.name,
    reader: options.reader,
    input: fc
      .constantFrom(...names)
      .chain((file) =>
        mutated(fc.constant(options.files[file])).map((damage) => ({ file, damage })),
      ),
    // A mutated file may make the loader reject another file of the set (an id it no longer
    // finds), so the error must name a file of the set, not necessarily the mutated one.
    mustName: "/case-",
    async setup() {
      root = await mkdtemp(join(tmpdir(), `du-fuzz-${options.name}-`));
    },
    async run(c) {
      const dir = join(root, `case-${caseNumber++}`);
      await mkdir(dir);
      try {
        await Promise.all(
          names.map((name) =>
            writeFile(join(dir, name), name === c.file ? c.damage.bytes : options.files[name]),
          ),
        );
        checkDataset(await options.load(dir));
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}
