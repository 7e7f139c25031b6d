import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Dataset } from "../../src/data/dataset.js";
import { generateSynthetic } from "../../src/data/synthetic.js";
import { ConfigError, DataFormatError } from "../../src/errors.js";
import type { ImportedFactorsFile } from "../../src/io/importFactors.js";
import { loadModelFolder, writeModelFolder } from "../../src/io/modelFolder.js";
import { rmse } from "../../src/mf/metrics.js";
import { alignImportedFactors } from "../../src/pipeline/alignImportedFactors.js";
import { continueFromFactors } from "../../src/pipeline/continueFromFactors.js";
import { type PipelineResult, runPipeline } from "../../src/pipeline/runPipeline.js";
import { buildResultsDocument } from "../../src/report/resultsDocument.js";
import { formatSummary } from "../../src/report/summaryText.js";

const small = { users: 200, items: 300, ratings: 8_000 };
const config = { seed: 5, mf: { k: 8, epochs: 6 }, topN: 3, randomDraws: 2 };

/** The factors of a run, as an import of them would present them. */
function asImported(result: PipelineResult, withIds = true): ImportedFactorsFile {
  const { k, userCount, itemCount, userFactors, itemFactors } = result.mf.model;
  return {
    userIds: withIds ? [...result.dataset.users.ids] : undefined,
    itemIds: withIds ? [...result.dataset.items.ids] : undefined,
    factors: { k, userCount, itemCount, userFactors, itemFactors },
    path: "f.npz",
    format: "npz",
    files: { users: "f.npz[user_factors]", items: "f.npz[item_factors]" },
    sources: [{ name: "f.npz", bytes: 1, sha256: "0".repeat(64) }],
  };
}

describe("the pipeline from imported factors", () => {
  let dataset: Dataset;
  let original: PipelineResult;

  beforeAll(() => {
    dataset = generateSynthetic(small, 11).dataset;
    original = runPipeline(dataset, config);
  });

  it("gives the original run's classifier, archetypes and profile from that run's own factors", () => {
    const continued = continueFromFactors(asImported(original), dataset, config);
    expect(continued.dataset).toBe(dataset);
    expect(continued.classifier.net).toEqual(original.classifier.net);
    expect(continued.classifier.split).toEqual(original.classifier.split);
    for (const name of ["gender", "age"]) {
      const a = continued.attributes[name];
      const b = original.attributes[name];
      expect(a.archetypes.majority.vector).toEqual(b.archetypes.majority.vector);
      expect(a.profile.relevancy).toEqual(b.profile.relevancy);
      expect(a.classifier.test).toEqual(b.classifier.test);
      expect(a.topN).toEqual(b.topN);
    }
    // Stage 1 says where the factors came from; its RMSE is in-sample.
    expect(continued.mf.source?.format).toBe("npz");
    expect(continued.mf.rmse.train).toBe(rmse(dataset.ratings, original.mf.model));
    expect(continued.mf.rmse.test).toBeNaN();
    expect(continued.mf.testRatings).toBe(0);
    const document = buildResultsDocument(continued);
    expect(JSON.parse(JSON.stringify(document)).mf.rmse.test).toBeNull();
    expect(formatSummary(document)).toMatch(/Imported factors \(npz, K = 8\)[\s\S]*RMSE in-sample/);
  });

  it("writes a model folder that records the import and loads back", async () => {
    const continued = continueFromFactors(asImported(original), dataset, config);
    const dir = join(await mkdtemp(join(tmpdir(), "du-imported-")), "model");
    await writeModelFolder(dir, continued);
    const loaded = await loadModelFolder(dir);
    expect(loaded.manifest.factorSource).toEqual(continued.mf.source);
    expect(loaded.userFactors).toEqual(original.mf.model.userFactors);
    expect(loaded.profiles.gender.relevancy).toEqual(
      Array.from(original.attributes.gender.profile.relevancy),
    );
  });

  it("matches rows by id whatever their order, and by position (with a warning) without ids", () => {
    const imported = asImported(original);
    const n = imported.factors.userCount;
    const k = imported.factors.k;
    const reversed = new Float32Array(n * k);
    for (let u = 0; u < n; u++)
      reversed.set(imported.factors.userFactors.subarray(u * k, (u + 1) * k), (n - 1 - u) * k);
    const shuffled: ImportedFactorsFile = {
      ...imported,
      userIds: [...(imported.userIds ?? [])].reverse(),
      factors: { ...imported.factors, userFactors: reversed },
    };
    const byId = alignImportedFactors(shuffled, dataset, { attributes: ["gender"] });
    expect(byId.model.userFactors).toEqual(original.mf.model.userFactors);
    expect(byId.warnings).toEqual([]);
    const byPosition = alignImportedFactors(asImported(original, false), dataset, {
      attributes: ["gender"],
      files: imported.files,
    });
    expect(byPosition.model.userFactors).toEqual(original.mf.model.userFactors);
    expect(byPosition.alignment.users.idsByPosition).toBe(true);
    expect(byPosition.warnings[0]).toMatch(
      /f\.npz\[user_factors\] has no user ids: row r is taken/,
    );
    expect(() =>
      alignImportedFactors(
        {
          ...asImported(original, false),
          factors: { ...imported.factors, userCount: n - 1 },
        },
        dataset,
        { attributes: [], files: imported.files },
      ),
    ).toThrow(
      /f\.npz\[user_factors\]: has no user ids and 199 rows, but the dataset has 200 users/,
    );
  });

  it("drops and counts NaN rows, unknown ids, users without attributes and dataset users without factors", () => {
    const imported = asImported(original);
    const k = imported.factors.k;
    const ids = [...(imported.userIds ?? [])];
    const values = Float32Array.from(imported.factors.userFactors);
    // Rows 0–2 NaN or Inf; rows 3–4 renamed to ids the dataset does not have; rows 190–199 cut.
    values[0 * k + 1] = Number.NaN;
    values[1 * k] = Number.POSITIVE_INFINITY;
    values[2 * k + k - 1] = Number.NaN;
    ids[3] = "stranger-1";
    ids[4] = "stranger-2";
    const keep = 190;
    // User 5 loses her gender.
    const gender = dataset.userAttributes.gender;
    if (gender.kind !== "categorical") throw new Error("gender should be categorical");
    const withoutGender: Dataset = {
      ...dataset,
      userAttributes: {
        ...dataset.userAttributes,
        gender: { kind: "categorical", values: gender.values.map((v, u) => (u === 5 ? "" : v)) },
      },
    };
    // Items: the last 20 have no factors.
    const items = imported.factors.itemCount - 20;
    const cut: ImportedFactorsFile = {
      ...imported,
      userIds: ids.slice(0, keep),
      itemIds: imported.itemIds?.slice(0, items),
      factors: {
        ...imported.factors,
        userCount: keep,
        itemCount: items,
        userFactors: values.subarray(0, keep * k),
        itemFactors: imported.factors.itemFactors.subarray(0, items * k),
      },
    };
    const aligned = alignImportedFactors(cut, withoutGender, {
      attributes: ["gender"],
      files: imported.files,
    });
    expect(aligned.alignment.users).toEqual({
      inFactors: 190,
      nonFinite: 3,
      notInDataset: 2,
      withoutAttributes: 1,
      withoutFactors: 200 - 184 - 1,
      kept: 184,
      idsByPosition: false,
    });
    expect(aligned.alignment.items).toMatchObject({
      inFactors: 280,
      kept: 280,
      withoutFactors: 20,
    });
    const keptUsers = aligned.dataset.users.ids;
    expect(keptUsers).toEqual(dataset.users.ids.filter((_, u) => u >= 6 && u < keep));
    expect(aligned.dataset.items.ids).toEqual(dataset.items.ids.slice(0, items));
    // Every kept row is the factor row of the same id; every kept rating is an original one.
    for (let u = 0; u < keptUsers.length; u++) {
      const row = ids.indexOf(keptUsers[u]);
      expect(aligned.model.userFactors.subarray(u * k, (u + 1) * k)).toEqual(
        values.subarray(row * k, (row + 1) * k),
      );
    }
    const originalRatings = new Map<string, number>();
    for (let r = 0; r < dataset.ratings.value.length; r++) {
      const key = `${dataset.users.ids[dataset.ratings.user[r]]}|${dataset.items.ids[dataset.ratings.item[r]]}`;
      originalRatings.set(key, dataset.ratings.value[r]);
    }
    let expectedKept = 0;
    for (const [key] of originalRatings) {
      const [user, item] = key.split("|");
      if (aligned.dataset.users.index.has(user) && aligned.dataset.items.index.has(item))
        expectedKept++;
    }
    const { ratings } = aligned.dataset;
    expect(ratings.value.length).toBe(expectedKept);
    expect(aligned.alignment.ratings).toEqual({
      kept: expectedKept,
      dropped: dataset.ratings.value.length - expectedKept,
    });
    for (let r = 0; r < ratings.value.length; r++) {
      const key = `${keptUsers[ratings.user[r]]}|${aligned.dataset.items.ids[ratings.item[r]]}`;
      expect(originalRatings.get(key)).toBe(ratings.value[r]);
    }
    // Attributes follow their users.
    const age = aligned.dataset.userAttributes.age;
    const originalAge = dataset.userAttributes.age;
    if (age.kind !== "numeric" || originalAge.kind !== "numeric") throw new Error("numeric age");
    expect(age.values[0]).toBe(originalAge.values[6]);
    expect(aligned.warnings.join("\n")).toMatch(/dropped 3 user rows holding NaN or ±Inf/);
    expect(aligned.warnings.join("\n")).toMatch(/dropped 2 users that dataset .* does not have/);
    expect(aligned.warnings.join("\n")).toMatch(/dropped 1 users without a value/);
    // The pipeline runs on what is left.
    const continued = continueFromFactors(cut, withoutGender, {
      ...config,
      attributes: ["gender"],
    });
    expect(continued.dataset.users.ids).toHaveLength(184);
    expect(continued.warnings.slice(0, aligned.warnings.length)).toEqual(aligned.warnings);
  });

  it("warns about a user factor that is the same for every user (a bias column)", () => {
    const imported = asImported(original);
    const { k } = imported.factors;
    const values = Float32Array.from(imported.factors.userFactors);
    for (let u = 0; u < imported.factors.userCount; u++) values[u * k + 2] = 1;
    const aligned = alignImportedFactors(
      { ...imported, factors: { ...imported.factors, userFactors: values } },
      dataset,
      { attributes: [], files: imported.files },
    );
    expect(aligned.alignment.constantUserFactors).toEqual([2]);
    expect(aligned.warnings).toEqual([
      "f.npz[user_factors]: user factor 2 is the same for every user (a bias column?); ignore its relevancy",
    ]);
    expect(
      alignImportedFactors(imported, dataset, { attributes: [] }).alignment.constantUserFactors,
    ).toEqual([]);
  });

  it("drops users without a value for the attribute of a custom group rule", () => {
    const age = dataset.userAttributes.age;
    if (age.kind !== "numeric") throw new Error("numeric age");
    const values = Float64Array.from(age.values);
    values[7] = Number.NaN;
    const withoutAge: Dataset = {
      ...dataset,
      userAttributes: { ...dataset.userAttributes, age: { kind: "numeric", values } },
    };
    const under50 = {
      name: "under50",
      attribute: "age",
      test: { type: "below", threshold: 50 },
      majority: "under 50",
      minority: "50 or older",
    } as const;
    const continued = continueFromFactors(asImported(original), withoutAge, {
      ...config,
      attributes: ["under50"],
      groupRules: { under50 },
    });
    expect(continued.mf.source?.alignment.users.withoutAttributes).toBe(1);
    expect(continued.dataset.users.ids).not.toContain(dataset.users.ids[7]);
    expect(continued.attributes.under50.labels).toHaveLength(199);
  });

  it("refuses NaN rows with strict, and factors that match nothing, naming the file", () => {
    const imported = asImported(original);
    const values = Float32Array.from(imported.factors.userFactors);
    values[3 * imported.factors.k] = Number.NaN;
    const withNaN = { ...imported, factors: { ...imported.factors, userFactors: values } };
    expect(() =>
      alignImportedFactors(withNaN, dataset, {
        attributes: [],
        strict: true,
        files: imported.files,
      }),
    ).toThrow(/f\.npz\[user_factors\]: 1 rows hold NaN or ±Inf \(the first: row 4, id 4\)/);
    const strangers = { ...imported, userIds: imported.userIds?.map((id) => `x${id}`) };
    expect(() =>
      alignImportedFactors(strangers, dataset, { attributes: [], files: imported.files }),
    ).toThrow(DataFormatError);
    expect(() =>
      alignImportedFactors(strangers, dataset, { attributes: [], files: imported.files }),
    ).toThrow(
      /no user of the factors matches .*factor ids start x1, x2, x3; dataset ids start 1, 2, 3/,
    );
  });

  it("refuses factors that do not match the dataset's shape when given to runPipeline directly", () => {
    const { model } = original.mf;
    expect(() =>
      runPipeline(dataset, config, undefined, {
        factors: {
          model: { ...model, userCount: model.userCount - 1 },
          source: continueFromFactors(asImported(original), dataset, config).mf.source!,
        },
      }),
    ).toThrow(ConfigError);
  });
});
