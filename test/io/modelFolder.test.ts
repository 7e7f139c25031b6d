import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { generateSynthetic } from "../../src/data/synthetic.js";
import { ModelFormatError } from "../../src/errors.js";
import { loadModelFolder, writeModelFolder } from "../../src/io/modelFolder.js";
import { predictProba } from "../../src/nn/mlp.js";
import { type PipelineResult, runPipeline } from "../../src/pipeline/runPipeline.js";

const small = { users: 300, items: 400, ratings: 15_000 };

describe("model folder", () => {
  let result: PipelineResult;
  let dir: string;

  beforeAll(async () => {
    const { dataset } = generateSynthetic(small, 3);
    result = runPipeline(dataset, { seed: 1, mf: { k: 16, epochs: 10 }, topN: 4 });
    dir = join(await mkdtemp(join(tmpdir(), "du-model-")), "model");
    await writeModelFolder(dir, result);
  });

  it("round-trips factors, classifier and profile exactly", async () => {
    const loaded = await loadModelFolder(dir);
    expect(loaded.manifest.k).toBe(16);
    expect(loaded.manifest.userIds).toEqual(result.dataset.users.ids);
    expect(loaded.manifest.itemIds).toEqual(result.dataset.items.ids);
    expect(loaded.userFactors).toEqual(result.mf.model.userFactors);
    expect(loaded.itemFactors).toEqual(result.mf.model.itemFactors);
    const n = small.users;
    expect(predictProba(loaded.classifier, loaded.userFactors, n)).toEqual(
      predictProba(result.classifier.net, result.mf.model.userFactors, n),
    );
    expect(loaded.profiles.gender.relevancy).toEqual(
      Array.from(result.attributes.gender.profile.relevancy),
    );
    expect(loaded.profiles.age.archetypes.minority).toEqual(
      Array.from(result.attributes.age.archetypes.minority.vector),
    );
  });

  it("writes factor files that numpy-style readers see as (rows, K) float32", async () => {
    const bytes = await readFile(join(dir, "user-factors.npy"));
    const header = bytes.subarray(10, 10 + bytes.readUInt16LE(8)).toString("latin1");
    expect(header).toContain("'descr': '<f4'");
    expect(header).toContain(`'shape': (${small.users}, 16)`);
  });

  it("replaces an existing folder without leaving temporary folders behind", async () => {
    await writeModelFolder(dir, result);
    const parent = join(dir, "..");
    expect(await readdir(parent)).toEqual(["model"]);
  });

  it("refuses a folder with a missing, corrupt or absent-manifest file, naming it", async () => {
    const copy = async () => {
      const target = join(await mkdtemp(join(tmpdir(), "du-model-")), "model");
      await writeModelFolder(target, result);
      return target;
    };
    const missing = await copy();
    await rm(join(missing, "item-factors.npy"));
    await expect(loadModelFolder(missing)).rejects.toThrow(ModelFormatError);
    await expect(loadModelFolder(missing)).rejects.toThrow(/item-factors\.npy is missing/);

    const corrupt = await copy();
    const path = join(corrupt, "user-factors.npy");
    const bytes = await readFile(path);
    bytes[bytes.length - 3] ^= 0xff;
    await writeFile(path, bytes);
    await expect(loadModelFolder(corrupt)).rejects.toThrow(/user-factors\.npy: checksum/);

    const noManifest = await copy();
    await rm(join(noManifest, "manifest.json"));
    await expect(loadModelFolder(noManifest)).rejects.toThrow(/manifest\.json is missing/);

    await expect(loadModelFolder(join(tmpdir(), "du-no-such-model"))).rejects.toThrow(
      ModelFormatError,
    );
  });
});
