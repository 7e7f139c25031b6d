import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { fairnessInput, savedRatings } from "../../src/apply/fairnessInput.js";
import { generateSynthetic } from "../../src/data/synthetic.js";
import { ConfigError, ModelFormatError } from "../../src/errors.js";
import { loadModelFolder, modelFromPipeline, writeModelFolder } from "../../src/io/modelFolder.js";
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

  const copy = async () => {
    const target = join(await mkdtemp(join(tmpdir(), "du-model-")), "model");
    await writeModelFolder(target, result);
    return target;
  };
  const editManifest = async (folder: string, edit: (m: Record<string, unknown>) => void) => {
    const path = join(folder, "manifest.json");
    const manifest = JSON.parse(await readFile(path, "utf8"));
    edit(manifest);
    await writeFile(path, JSON.stringify(manifest));
  };

  it("round-trips the held-out ratings, the held-out fit, its profile and the rating values", async () => {
    const loaded = await loadModelFolder(dir);
    const heldOut = loaded.heldOut;
    expect(heldOut).toBeDefined();
    if (heldOut === undefined) return;
    expect(heldOut.ratings.user).toEqual(result.heldOut.ratings.user);
    expect(heldOut.ratings.item).toEqual(result.heldOut.ratings.item);
    expect(heldOut.ratings.value).toEqual(result.heldOut.ratings.value);
    expect(heldOut.userFactors).toEqual(result.heldOut.model.userFactors);
    expect(heldOut.itemFactors).toEqual(result.heldOut.model.itemFactors);
    expect(heldOut.userFactors).not.toEqual(loaded.userFactors);
    expect(heldOut.profiles.gender.proportions.minority).toEqual(
      Array.from(result.heldOut.attributes.gender.profile.minorityShare),
    );
    // Every rating comes back with its value.
    const saved = savedRatings(loaded, dir);
    const key = (u: number, i: number) => u * 100_000 + i;
    const original = new Map<number, number>();
    const { ratings } = result.dataset;
    for (let r = 0; r < ratings.value.length; r++)
      original.set(key(ratings.user[r], ratings.item[r]), ratings.value[r]);
    expect(saved.value.length).toBe(original.size);
    for (let r = 0; r < saved.value.length; r++)
      expect(saved.value[r]).toBe(original.get(key(saved.user[r], saved.item[r])));
    // The in-memory model is what the folder loads as.
    const inMemory = modelFromPipeline(result);
    expect(inMemory.heldOut?.ratings.value).toEqual(heldOut.ratings.value);
    expect(inMemory.ratedValues).toEqual(loaded.ratedValues);
  });

  it("reuses the model's own factors when they were trained on the training split", async () => {
    const { dataset } = generateSynthetic(small, 3);
    const trainOnly = runPipeline(dataset, {
      seed: 1,
      mf: { k: 8, epochs: 5 },
      topN: 4,
      randomDraws: 0,
      factorsFrom: "train",
    });
    const target = join(await mkdtemp(join(tmpdir(), "du-model-")), "model");
    await writeModelFolder(target, trainOnly);
    expect(await readdir(target)).not.toContain("held-out-user-factors.npy");
    const loaded = await loadModelFolder(target);
    expect(loaded.heldOut?.userFactors).toBe(loaded.userFactors);
    expect(loaded.heldOut?.profiles).toBe(loaded.profiles);
    expect(loaded.heldOut?.ratings.value.length).toBe(trainOnly.mf.testRatings);
  });

  it("refuses another schema version, naming the folder and both versions", async () => {
    const folder = await copy();
    await editManifest(folder, (m) => {
      m.schemaVersion = 2;
    });
    await expect(loadModelFolder(folder)).rejects.toThrow(ModelFormatError);
    await expect(loadModelFolder(folder)).rejects.toThrow(
      new RegExp(`${folder}/manifest\\.json: expected .* schema version 1, found .* version 2`),
    );
  });

  it("refuses files that do not match the manifest's dataset", async () => {
    const counts = await copy();
    await editManifest(counts, (m) => {
      (m.dataset as { users: number }).users = 299;
    });
    await expect(loadModelFolder(counts)).rejects.toThrow(/has 299 users .* lists 300 user ids/);

    // Factors of a model of another dataset, with the checksum updated to hide the swap.
    const other = runPipeline(
      generateSynthetic({ users: 200, items: 400, ratings: 8000 }, 5).dataset,
      {
        seed: 1,
        mf: { k: 16, epochs: 2 },
        topN: 4,
        randomDraws: 0,
        attributes: ["gender"],
        factorsFrom: "train",
      },
    );
    const otherDir = join(await mkdtemp(join(tmpdir(), "du-model-")), "model");
    await writeModelFolder(otherDir, other);
    const swapped = await copy();
    const bytes = await readFile(join(otherDir, "user-factors.npy"));
    await writeFile(join(swapped, "user-factors.npy"), bytes);
    await editManifest(swapped, (m) => {
      (m.files as Record<string, unknown>)["user-factors.npy"] = {
        sha256: createHash("sha256").update(bytes).digest("hex"),
        bytes: bytes.length,
      };
    });
    await expect(loadModelFolder(swapped)).rejects.toThrow(
      /user-factors\.npy: expected a float32 matrix of shape \(300, 16\), found Float32Array of shape \(200, 16\)/,
    );
  });

  it("still loads a folder written before the held-out files, and says fairness needs them", async () => {
    const old = await copy();
    const heldOutFiles = [
      "rated-values.npy",
      "held-out-user.npy",
      "held-out-item.npy",
      "held-out-value.npy",
      "held-out-user-factors.npy",
      "held-out-item-factors.npy",
      "held-out-profile.json",
    ];
    for (const name of heldOutFiles) await rm(join(old, name));
    await editManifest(old, (m) => {
      for (const name of heldOutFiles) delete (m.files as Record<string, unknown>)[name];
    });
    const loaded = await loadModelFolder(old);
    expect(loaded.heldOut).toBeUndefined();
    expect(() => fairnessInput(loaded, "gender", old)).toThrow(ConfigError);
    expect(() => fairnessInput(loaded, "gender", old)).toThrow(
      /no held-out ratings.*rerun deepunhide run/,
    );
    expect(() => fairnessInput(loaded, "height", old)).toThrow(/unknown attribute "height"/);
  });
});
