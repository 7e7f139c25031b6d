import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { explain } from "../../src/apply/explain.js";
import { genreWeights, itemTraits, trustedGenres } from "../../src/apply/itemTraits.js";
import { ModelFormatError } from "../../src/errors.js";
import {
  type LoadedModel,
  loadModelFolder,
  type SavedItemProfile,
  writeModelFolder,
} from "../../src/io/modelFolder.js";
import type { PipelineResult } from "../../src/pipeline/runPipeline.js";
import { writeSmallModel } from "./smallModel.js";

const close = (a: number, b: number, scale = 1) =>
  expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(b), scale));

describe("item traits in the model folder and in explanations", () => {
  let model: LoadedModel;
  let result: PipelineResult;
  let dir: string;

  beforeAll(async () => {
    const small = await writeSmallModel();
    result = small.result;
    dir = small.dir;
    model = await loadModelFolder(dir);
  }, 60_000);

  it("saves the item profile and reads back exactly what the pipeline found", () => {
    const items = result.items!;
    expect(items.genres.length).toBeGreaterThan(0);
    expect(model.manifest.files["item-profile.json"]).toBeDefined();
    const saved = model.itemProfile!;
    expect(saved.threshold).toBe(items.config.threshold);
    expect(saved.genres.map((g) => g.name)).toEqual(items.genres.map((g) => g.name));
    items.genres.forEach((g, n) => {
      expect(saved.genres[n].relevancy).toEqual(Array.from(g.profile.relevancy));
      expect(saved.genres[n].proportions.with).toEqual(Array.from(g.profile.majorityShare));
      expect(saved.genres[n].selected).toEqual(Array.from(g.profile.selected));
      expect(saved.genres[n].test).toEqual(g.classifier.test);
      expect(saved.genres[n].archetypesReachGroups).toBe(
        g.archetypes.majority.score > 0.9 && g.archetypes.minority.score < 0.1,
      );
    });
  });

  it("shares every factor among its genres and 'no genre' with weights adding up to 1", () => {
    const k = model.manifest.k;
    const { weights, unattributed } = genreWeights(model.itemProfile!, k);
    const genres = trustedGenres(model.itemProfile!);
    for (let j = 0; j < k; j++) {
      let sum = unattributed[j];
      weights.forEach((w, g) => {
        sum += w[j];
        // A genre takes a part of factor j exactly when the factor is among its selected ones.
        expect(w[j] > 0).toBe(genres[g].selected.includes(j));
      });
      close(sum, 1);
    }
  });

  it("splits a prediction by genre into parts that add up to it exactly", () => {
    const users = result.dataset.users.ids;
    const items = result.dataset.items.ids;
    for (const [u, i] of [
      [0, 5],
      [3, 17],
      [120, 300],
    ]) {
      const e = explain(model, users[u], items[i]);
      const traits = e.itemTraits!;
      let net = traits.unattributed.net;
      let percent = traits.unattributed.positivePercent + traits.unattributed.negativePercent;
      for (const g of traits.genres) {
        net += g.net;
        percent += g.positivePercent + g.negativePercent;
        close(g.net, g.positive + g.negative);
        expect(g.itemHasGenre).toBe(e.genres!.includes(g.group));
      }
      close(net, e.prediction, e.totalPull);
      close(percent, 100, 100);
      for (const f of e.topFactors) {
        for (const g of f.genres!) expect(g.relevancy).toBeGreaterThanOrEqual(traits.threshold);
      }
    }
  });

  it("names the genre traits in the summary and keeps the demographic fields", () => {
    const e = explain(model, result.dataset.users.ids[2], result.dataset.items.ids[9]);
    const top = [...e.itemTraits!.genres].sort((a, b) => b.positivePercent - a.positivePercent)[0];
    expect(e.summary).toContain("as item traits, it rests most on the factors that characterize");
    expect(e.summary).toContain(top.group);
    expect(e.attributes.map((a) => a.attribute)).toEqual(["gender", "age"]);
  });

  it("puts everything under 'no genre' when no genre reaches the threshold", () => {
    const profile: SavedItemProfile = { ...model.itemProfile!, threshold: 1.5 };
    const c = Float64Array.from([1, -2, 0.5]);
    const traits = itemTraits(
      {
        ...model,
        itemProfile: {
          ...profile,
          genres: profile.genres.map((g) => ({ ...g, relevancy: [1, 0.3, 0.2] })),
        },
      },
      c,
      3.5,
      undefined,
    )!;
    expect(traits.unattributed.net).toBe(-0.5);
    expect(traits.unattributed.positivePercent).toBeCloseTo((100 * 1.5) / 3.5, 12);
    for (const g of traits.genres) expect(g.net).toBe(0);
  });

  it("loads a folder written without the item side, and then explains without item traits", async () => {
    const older = join(await mkdtemp(join(tmpdir(), "du-items-")), "model");
    const { items: _, ...withoutItems } = result;
    await writeModelFolder(older, withoutItems);
    const loaded = await loadModelFolder(older);
    expect(loaded.manifest.files["item-profile.json"]).toBeUndefined();
    expect(loaded.itemProfile).toBeUndefined();
    const e = explain(loaded, result.dataset.users.ids[0], result.dataset.items.ids[5]);
    expect(e.itemTraits).toBeUndefined();
    expect(e.topFactors[0].genres).toBeUndefined();
    expect(e.summary).not.toContain("item traits");
    expect(e.prediction).toBe(
      explain(model, result.dataset.users.ids[0], result.dataset.items.ids[5]).prediction,
    );
  });

  it("refuses a changed or missing item-profile.json, naming it", async () => {
    const copy = join(await mkdtemp(join(tmpdir(), "du-items-")), "model");
    await writeModelFolder(copy, result);
    const path = join(copy, "item-profile.json");
    const text = await readFile(path, "utf8");
    await writeFile(path, text.replace('"threshold":0.5', '"threshold":0.4'));
    await expect(loadModelFolder(copy)).rejects.toThrow(/item-profile\.json: checksum/);
    await rm(path);
    await expect(loadModelFolder(copy)).rejects.toThrow(ModelFormatError);
    await expect(loadModelFolder(copy)).rejects.toThrow(/item-profile\.json is missing/);
  });
});
