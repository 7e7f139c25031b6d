import { describe, expect, it } from "vitest";
import type { GenreMatrix } from "../../src/data/dataset.js";
import { generateSynthetic, ML100K_GENRES } from "../../src/data/synthetic.js";
import { ConfigError } from "../../src/errors.js";
import { genreEligibility, rarestGenreStrata } from "../../src/unhide/genreEligibility.js";
import { genresByFactor } from "../../src/unhide/genresByFactor.js";
import { resolveItemProfileConfig } from "../../src/unhide/itemProfileConfig.js";
import { unhideItemFactors } from "../../src/unhide/unhideItemFactors.js";
import { createRng } from "../../src/util/rng.js";

const ratingsPerItem = (items: Int32Array, count: number) => {
  const out = new Int32Array(count);
  for (const i of items) out[i]++;
  return out;
};

describe("genre eligibility and strata", () => {
  // 6 items × 3 genres: A on items 0–3, B on items 0 and 4, C on none.
  const genres: GenreMatrix = {
    names: ["A", "B", "C"],
    matrix: Uint8Array.from([1, 1, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0]),
  };
  it("counts each genre over the included items only and keeps those with enough on both sides", () => {
    const all = genreEligibility(genres, Int32Array.from([0, 1, 2, 3, 4, 5]), 2);
    expect(all.eligible.map((g) => [g.name, g.with, g.without])).toEqual([
      ["A", 4, 2],
      ["B", 2, 4],
    ]);
    expect(all.skipped.map((g) => g.name)).toEqual(["C"]);
    const some = genreEligibility(genres, Int32Array.from([1, 2, 4, 5]), 2);
    expect(some.eligible.map((g) => g.name)).toEqual(["A"]);
    expect(some.skipped.map((g) => [g.name, g.with])).toEqual([
      ["B", 1],
      ["C", 0],
    ]);
  });
  it("puts each item in the stratum of its rarest eligible genre, 0 for none", () => {
    const items = Int32Array.from([0, 1, 2, 3, 4, 5]);
    const { eligible } = genreEligibility(genres, items, 2);
    // Item 0 has A (4 items) and B (2 items): B is rarer (position 1 → stratum 2).
    expect(Array.from(rarestGenreStrata(genres, items, eligible))).toEqual([2, 1, 1, 1, 2, 0]);
  });
});

describe("genresByFactor", () => {
  it("lists, per factor, the genres of highest relevancy on it", () => {
    const table = genresByFactor(
      [
        { name: "A", relevancy: [1, 0.2], withShare: [0.7, 0.4] },
        { name: "B", relevancy: [0.5, 0.9], withShare: [0.6, 0.2] },
        { name: "C", relevancy: [0.5, 1], withShare: [0.5, 0.8] },
      ],
      2,
      2,
    );
    expect(table[0].genres.map((g) => g.genre)).toEqual(["A", "B"]);
    expect(table[1].genres).toEqual([
      { genre: "C", relevancy: 1, withShare: 0.8 },
      { genre: "B", relevancy: 0.9, withShare: 0.2 },
    ]);
  });
});

describe("resolveItemProfileConfig", () => {
  it("merges partial classifier and localization settings and rejects bad values", () => {
    const c = resolveItemProfileConfig({ classifier: { epochs: 7 }, localization: { eta: 2 } });
    expect(c.classifier).toEqual({ hiddenSize: 20, epochs: 7 });
    expect(c.localization).toEqual({ normalizeGradient: true, eta: 2 });
    expect(() => resolveItemProfileConfig({ minItems: 0 })).toThrow(ConfigError);
    expect(() => resolveItemProfileConfig({ split: [0.5, 0.5, 0.5] })).toThrow(ConfigError);
    expect(() => resolveItemProfileConfig({ threshold: 2 })).toThrow(ConfigError);
  });
});

describe("unhideItemFactors on the planted item factors", () => {
  // Strong planted genres: every item leans clearly, its latent vector carries the leaning at
  // scale 3, and the genres follow the leaning with strength 6 (defaults: 40%, 1.5, 1.5).
  const { dataset, truth } = generateSynthetic(
    {
      genreLeaningStrength: 6,
      itemLeaningScale: 3,
      genderLeaningItemFraction: 1,
      ageLeaningItemFraction: 1,
    },
    7,
  );
  const rank = truth.config.rank;
  const genres = dataset.itemAttributes.genres!;
  const input = {
    itemFactors: truth.itemFactors,
    k: rank,
    genres,
    ratingsPerItem: ratingsPerItem(dataset.ratings.item, dataset.items.ids.length),
  };
  const profile = unhideItemFactors(input, { minRatings: 0 }, createRng(42));

  it("ranks the planted dimensions first for the genres whose planted direction mixes signs", () => {
    // A genre depends on the item vector only along truth.genreDirections[g]. Where that
    // direction is positive on some planted dimensions and negative on others, the min–max
    // normalized archetypes separate exactly there. (Where all its entries share a sign, the
    // paper's min–max normalization gives every dimension about the same relevancy:
    // README, "Why selection is hard here".)
    let checked = 0;
    for (const g of profile.genres) {
      const direction = truth.genreDirections.subarray(g.index * rank, (g.index + 1) * rank);
      const planted = [...direction.keys()].filter((d) => direction[d] !== 0);
      const mixed = direction.some((x) => x > 0) && direction.some((x) => x < 0);
      if (!mixed || g.classifier.test.auc < 0.85) continue;
      expect(
        [...g.profile.ranking.subarray(0, planted.length)].sort(),
        `${g.name}: ranking ${Array.from(g.profile.ranking)}`,
      ).toEqual(planted);
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(4);
  });

  it("learns the planted genres well above their majority floor", () => {
    const romance = profile.genres.find((g) => g.name === "Romance")!;
    expect(romance.classifier.test.auc).toBeGreaterThan(0.9);
    expect(romance.classifier.test.accuracy).toBeGreaterThan(romance.classifier.test.majorityFloor);
    // Where the output learned its genre, both archetypes are clear members of their group.
    const learned = profile.genres.filter((g) => g.classifier.test.auc >= 0.85);
    expect(learned.length).toBeGreaterThanOrEqual(8);
    for (const g of learned) {
      expect(g.archetypes.majority.score, g.name).toBeGreaterThan(0.9);
      expect(g.archetypes.minority.score, g.name).toBeLessThan(0.1);
    }
  });

  it("splits the items into disjoint stratified parts and profiles every genre with enough items", () => {
    const { train, validation, test } = profile.items.split;
    const all = [...train, ...validation, ...test].sort((a, b) => a - b);
    expect(all).toEqual(Array.from(profile.items.included));
    expect(profile.genres.map((g) => g.name)).toEqual(
      ML100K_GENRES.filter((name) => name !== "unknown"),
    );
    expect(profile.skipped.map((g) => g.name)).toEqual(["unknown"]);
    for (const g of profile.genres) {
      // Stratification gives every part its share of the genre's rarest-genre items, so even
      // the rarest genre has positives in the test part.
      expect(g.classifier.test.labelPositiveRate).toBeGreaterThan(0);
      expect(Array.from(g.topFactors)).toEqual(Array.from(g.profile.ranking.subarray(0, 5)));
    }
    expect(profile.byFactor).toHaveLength(rank);
  });

  it("gives the same profile for the same seed", () => {
    const again = unhideItemFactors(input, { minRatings: 0 }, createRng(42));
    expect(again.genres.map((g) => Array.from(g.profile.relevancy))).toEqual(
      profile.genres.map((g) => Array.from(g.profile.relevancy)),
    );
  });

  it("skips training with a warning when no genre has enough items", () => {
    const none = unhideItemFactors(input, { minRatings: 0, minItems: 10_000 }, createRng(42));
    expect(none.genres).toEqual([]);
    expect(none.skipped).toHaveLength(ML100K_GENRES.length);
    expect(none.warnings[0]).toMatch(/no genre has 10000 items/);
  });
});
