/**
 * The model folder reader: one file of a real (small) model folder mutated per case. When the
 * mutated file is not the manifest, its checksum in the manifest is updated to match, so the
 * case reaches the file's own parser instead of stopping at the checksum.
 */

import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { generateSynthetic } from "../../src/data/synthetic.js";
import { loadModelFolder, writeModelFolder } from "../../src/io/modelFolder.js";
import { runPipeline } from "../../src/pipeline/runPipeline.js";
import { sha256Hex } from "../../src/util/sha256.js";
import { type FuzzTarget, invariant } from "../fuzzTarget.js";
import { type MutatedBytes, mutated } from "../mutations.js";

const MANIFEST = "manifest.json";

let folder: Record<string, Uint8Array> = {};
let caseDir = "";

interface ModelCase {
  readonly file: string;
  readonly damage: MutatedBytes;
}

async function writeCase(c: ModelCase): Promise<void> {
  const files = { ...folder, [c.file]: c.damage.bytes };
  if (c.file !== MANIFEST) {
    const manifest = JSON.parse(new TextDecoder().decode(folder[MANIFEST]));
    manifest.files[c.file] = { sha256: sha256Hex(c.damage.bytes), bytes: c.damage.bytes.length };
    files[MANIFEST] = new TextEncoder().encode(JSON.stringify(manifest));
  }
  await rm(caseDir, { recursive: true, force: true });
  const { mkdir } = await import("node:fs/promises");
  await mkdir(caseDir, { recursive: true });
  await Promise.all(
    Object.entries(files).map(([name, bytes]) => writeFile(join(caseDir, name), bytes)),
  );
}

/** loadModelFolder: a loaded model's matrices match its manifest and hold finite numbers. */
export const modelFolderTarget: FuzzTarget<ModelCase> = {
  name: "model-folder",
  reader:
    "model folders (loadModelFolder): manifest, factor matrices, classifier, profile, items, rated items",
  // The arbitrary is built lazily: the folder's files exist only after setup().
  get input() {
    return fc
      .constantFrom(...Object.keys(folder).sort())
      .chain((file) => mutated(fc.constant(folder[file]), 3).map((damage) => ({ file, damage })));
  },
  // Every error must name the folder (or a file in it) the case was written to.
  mustName: () => caseDir,
  async setup() {
    const { dataset } = generateSynthetic({ users: 60, items: 50, ratings: 1_500 }, 3);
    const result = runPipeline(dataset, { mf: { k: 4, epochs: 2 }, topN: 2, randomDraws: 0 });
    const root = await mkdtemp(join(tmpdir(), "du-fuzz-model-"));
    const dir = join(root, "model");
    await writeModelFolder(dir, result);
    folder = {};
    for (const name of await readdir(dir))
      folder[name] = new Uint8Array(await readFile(join(dir, name)));
    caseDir = join(root, "case");
  },
  async run(c) {
    await writeCase(c);
    const model = await loadModelFolder(caseDir);
    const { k, userIds, itemIds } = model.manifest;
    invariant(
      model.userFactors.length === userIds.length * k,
      "user factors do not match the manifest",
    );
    invariant(
      model.itemFactors.length === itemIds.length * k,
      "item factors do not match the manifest",
    );
    invariant(model.userFactors.every(Number.isFinite), "non-finite user factor accepted");
    invariant(model.itemFactors.every(Number.isFinite), "non-finite item factor accepted");
    invariant(model.classifier.inputSize === k, "classifier input size is not K");
    for (const [name, profile] of Object.entries(model.profiles)) {
      invariant(profile.relevancy.length === k, `profile ${name}: relevancy is not of length K`);
    }
  },
};
