import { beforeAll, describe, expect, it } from "vitest";
import { explain } from "../../src/apply/explain.js";
import { recommend, scoreAllItems } from "../../src/apply/recommend.js";
import { ConfigError, ModelFormatError } from "../../src/errors.js";
import { type LoadedModel, loadModelFolder } from "../../src/io/modelFolder.js";
import type { PipelineResult } from "../../src/pipeline/runPipeline.js";
import { writeSmallModel } from "./smallModel.js";

const close = (a: number, b: number) =>
  expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b)));

describe("recommend and explain", () => {
  let model: LoadedModel;
  let result: PipelineResult;

  beforeAll(async () => {
    const small = await writeSmallModel();
    result = small.result;
    model = await loadModelFolder(small.dir);
  }, 60_000);

  it("saves the rated items and item titles/genres in the model folder", () => {
    const { ratings, users } = result.dataset;
    const u = 5;
    const expected = new Set<number>();
    for (let r = 0; r < ratings.user.length; r++)
      if (ratings.user[r] === u) expected.add(ratings.item[r]);
    const rated = model.rated!;
    expect(rated.indptr).toHaveLength(users.ids.length + 1);
    expect([...rated.indices.subarray(rated.indptr[u], rated.indptr[u + 1])]).toEqual(
      [...expected].sort((a, b) => a - b),
    );
    expect(model.items?.titles?.[0]).toBe(result.dataset.itemAttributes.titles?.[0]);
    const g = result.dataset.itemAttributes.genres!;
    const flagged = g.names.filter((_, j) => g.matrix[7 * g.names.length + j] === 1);
    expect(model.items?.genres?.byItem[7].map((j) => model.items!.genres!.names[j])).toEqual(
      flagged,
    );
  });

  it("recommends the best-scored unrated items, sorted, without the rated ones", () => {
    for (const userId of model.manifest.userIds.slice(0, 20)) {
      const rec = recommend(model, userId, { top: 15 });
      const u = model.manifest.userIds.indexOf(userId);
      const rated = new Set(
        model.rated!.indices.subarray(model.rated!.indptr[u], model.rated!.indptr[u + 1]),
      );
      expect(rec.items).toHaveLength(15);
      expect(rec.excluded).toBe(rated.size);
      for (const it of rec.items) expect(rated.has(it.index)).toBe(false);
      for (let n = 1; n < rec.items.length; n++) {
        expect(rec.items[n - 1].score).toBeGreaterThanOrEqual(rec.items[n].score);
      }
      // Nothing left out scores higher than the last item kept.
      const scores = scoreAllItems(model, u);
      const last = rec.items[rec.items.length - 1].score;
      const kept = new Set(rec.items.map((it) => it.index));
      for (let i = 0; i < scores.length; i++) {
        if (!kept.has(i) && !rated.has(i)) expect(scores[i]).toBeLessThanOrEqual(last);
      }
      expect(rec.items[0].item).toBe(model.manifest.itemIds[rec.items[0].index]);
      expect(rec.items[0].title).toMatch(/Synthetic Movie/);
    }
  });

  it("takes an explicit exclusion set instead of the rated items, and defaults to 10", () => {
    const userId = model.manifest.userIds[0];
    const all = recommend(model, userId, { exclude: new Set() });
    expect(all.items).toHaveLength(10);
    expect(all.excluded).toBe(0);
    const without = recommend(model, userId, { exclude: new Set([all.items[0].index]) });
    expect(without.items[0]).toEqual(all.items[1]);
  });

  it("explains a prediction whose contributions and group parts add up to it", () => {
    const userId = model.manifest.userIds[3];
    for (const it of recommend(model, userId, { top: 5 }).items) {
      const e = explain(model, userId, it.item);
      expect(e.prediction).toBe(it.score);
      // Exact float64 reference: the sum of p·q in factor order.
      const k = model.manifest.k;
      let reference = 0;
      for (let j = 0; j < k; j++) {
        reference += model.userFactors[3 * k + j] * model.itemFactors[it.index * k + j];
      }
      close(
        e.contributions.reduce((s, c) => s + c, 0),
        reference,
      );
      close(e.raise + e.lower, e.prediction);
      close(
        e.totalPull,
        e.contributions.reduce((s, c) => s + Math.abs(c), 0),
      );
      expect(e.attributes.map((a) => a.attribute)).toEqual(["gender", "age"]);
      for (const a of e.attributes) {
        close(a.majority.net + a.minority.net, e.prediction);
        close(a.majority.positive + a.majority.negative, a.majority.net);
        close(a.majority.positive + a.minority.positive, e.raise);
        close(a.majority.negative + a.minority.negative, e.lower);
        const percents =
          a.majority.positivePercent +
          a.majority.negativePercent +
          a.minority.positivePercent +
          a.minority.negativePercent;
        close(percents, 100);
        expect(a.majority.negative).toBeLessThanOrEqual(0);
        expect(a.minority.positive).toBeGreaterThanOrEqual(0);
      }
      expect(e.topFactors).toHaveLength(3);
      const mags = e.topFactors.map((f) => Math.abs(f.contribution));
      expect(mags[0]).toBe(Math.max(...e.contributions.map(Math.abs)));
      expect(mags[0]).toBeGreaterThanOrEqual(mags[1]);
      const f = e.topFactors[0];
      expect(f.contribution).toBe(f.userValue * f.itemValue);
      expect(f.attributes[0].relevancy).toBe(model.profiles.gender.relevancy[f.factor]);
      expect(f.attributes[0].share).toBeGreaterThanOrEqual(0.5);
      expect(e.genres).toEqual(it.genres);
      expect(e.summary).toMatch(/^Predicted \d+\.\d\d for user .* on "Synthetic Movie/);
      expect(e.summary).toMatch(/female share \d+% and \d+%/);
    }
  });

  it("reports negative contributions separately from positive ones", () => {
    // The prediction of this model with the largest downward pull; its signs must be kept.
    const userId = model.manifest.userIds[1];
    const e = model.manifest.itemIds
      .map((itemId) => explain(model, userId, itemId))
      .reduce((a, b) => (b.lower < a.lower ? b : a));
    expect(e.lower).toBeLessThan(0);
    expect(e).toBeDefined();
    const gender = e.attributes[0];
    expect(gender.majority.negativePercent + gender.minority.negativePercent).toBeGreaterThan(0);
    close(
      gender.majority.negativePercent + gender.minority.negativePercent,
      (100 * -e.lower) / e.totalPull,
    );
  });

  it("rejects unknown ids and a bad top with ConfigError naming the id", () => {
    expect(() => recommend(model, "no-such-user")).toThrow(ConfigError);
    expect(() => recommend(model, "no-such-user")).toThrow(
      /unknown user id "no-such-user".*ids like/,
    );
    const userId = model.manifest.userIds[0];
    expect(() => explain(model, userId, "nope")).toThrow(/unknown item id "nope"/);
    expect(() => explain(model, "nope", model.manifest.itemIds[0])).toThrow(ConfigError);
    for (const top of [0, 1001, 2.5, Number.NaN]) {
      expect(() => recommend(model, userId, { top })).toThrow(ConfigError);
    }
  });

  it("refuses a profile whose length does not match K", () => {
    const broken: LoadedModel = {
      ...model,
      profiles: {
        ...model.profiles,
        gender: {
          ...model.profiles.gender,
          proportions: { majority: [0.5], minority: [0.5] },
        },
      },
    };
    expect(() => explain(broken, model.manifest.userIds[0], model.manifest.itemIds[0])).toThrow(
      ModelFormatError,
    );
  });
});
