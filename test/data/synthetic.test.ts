import { describe, expect, it } from "vitest";
import type { Dataset } from "../../src/data/dataset.js";
import {
  DEFAULT_SYNTHETIC_CONFIG,
  generateSynthetic,
  ML100K_GENRES,
  type SyntheticTruth,
} from "../../src/data/synthetic.js";
import { resolveSyntheticConfig, SYNTHETIC_PRESETS } from "../../src/data/syntheticConfig.js";
import {
  allocateUserActivity,
  ensureEveryItemRated,
  samplePairs,
} from "../../src/data/syntheticSampling.js";
import { ConfigError } from "../../src/errors.js";
import { createRng } from "../../src/util/rng.js";

const SMALL = { users: 200, items: 300, ratings: 12_000 };

function perIndexCounts(indices: Int32Array, n: number): Int32Array {
  const counts = new Int32Array(n);
  for (const i of indices) counts[i]++;
  return counts;
}

function median(values: ArrayLike<number>): number {
  const sorted = Array.from(values).sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}

/** Mean rating that users of gender `g` give the items built with gender leaning `itemClass`. */
function meanRatingByGender(
  d: Dataset,
  truth: SyntheticTruth,
  itemClass: number,
  g: string,
): number {
  const gender = d.userAttributes.gender.values as readonly string[];
  let sum = 0;
  let count = 0;
  for (let r = 0; r < d.ratings.value.length; r++) {
    if (truth.itemGenderClass[d.ratings.item[r]] !== itemClass) continue;
    if (gender[d.ratings.user[r]] !== g) continue;
    sum += d.ratings.value[r];
    count++;
  }
  return sum / count;
}

describe("generateSynthetic with the defaults (ML-100K shape)", () => {
  const { dataset: d, truth } = generateSynthetic();
  const nUsers = d.users.ids.length;
  const nItems = d.items.ids.length;
  const n = d.ratings.value.length;
  const gender = d.userAttributes.gender.values as readonly string[];
  const age = d.userAttributes.age.values as Float64Array;

  it("has 943 users, 1682 items and exactly 100,000 distinct pairs", () => {
    expect([nUsers, nItems, n]).toEqual([943, 1682, 100_000]);
    expect(d.users.ids[0]).toBe("1");
    expect(d.items.ids[1681]).toBe("1682");
    const pairs = new Set<number>();
    for (let r = 0; r < n; r++) pairs.add(d.ratings.user[r] * nItems + d.ratings.item[r]);
    expect(pairs.size).toBe(n);
  });

  it("gives every user at least 20 ratings and every item at least one, with skewed counts", () => {
    const perUser = perIndexCounts(d.ratings.user, nUsers);
    const perItem = perIndexCounts(d.ratings.item, nItems);
    expect(Math.min(...perUser)).toBeGreaterThanOrEqual(20);
    expect(Math.min(...perItem)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...perUser)).toBeGreaterThan(5 * median(perUser));
    expect(Math.max(...perItem)).toBeGreaterThan(10 * median(perItem));
    // A long tail of rarely rated items, as in ML-100K (141 items rated once).
    expect(perItem.filter((c) => c <= 2).length).toBeGreaterThan(20);
  });

  it("has integer ratings 1..5 with a mean near 3.5 and every value used", () => {
    const histogram = [0, 0, 0, 0, 0];
    let sum = 0;
    let invalid = 0;
    for (const v of d.ratings.value) {
      if (!(Number.isInteger(v) && v >= 1 && v <= 5)) invalid++;
      else histogram[v - 1]++;
      sum += v;
    }
    expect(invalid).toBe(0);
    expect(sum / n).toBeGreaterThan(3.45);
    expect(sum / n).toBeLessThan(3.6);
    expect(histogram[3]).toBeGreaterThan(histogram[0] * 3);
    expect(d.ratingScale).toEqual({ min: 1, max: 5 });
  });

  it("has ~71% men and ~69% users under 40, ages 7..73", () => {
    const males = gender.filter((g) => g === "M").length;
    expect(gender.every((g) => g === "M" || g === "F")).toBe(true);
    expect(males / nUsers).toBeCloseTo(0.71, 2);
    const young = Array.from(age).filter((a) => a < 40).length;
    expect(young / nUsers).toBeCloseTo(0.69, 2);
    expect(Math.min(...age)).toBeGreaterThanOrEqual(7);
    expect(Math.max(...age)).toBeLessThanOrEqual(73);
    expect(Array.from(age).every(Number.isInteger)).toBe(true);
    const occupations = new Set(d.userAttributes.occupation.values as readonly string[]);
    expect(occupations.size).toBeGreaterThan(3);
  });

  it("names items like films and uses ML-100K's genres, every item with one", () => {
    expect(d.itemAttributes.titles?.[16]).toMatch(/^Synthetic Movie 17 \(\d{4}\)$/);
    const genres = d.itemAttributes.genres!;
    expect(genres.names).toEqual(ML100K_GENRES);
    for (let i = 0; i < nItems; i++) {
      let any = 0;
      for (let g = 0; g < genres.names.length; g++)
        any += genres.matrix[i * genres.names.length + g];
      expect(any).toBeGreaterThan(0);
    }
  });

  it("plants the gender signal: women rate female-leaning items clearly higher than men do", () => {
    const meanBy = (itemClass: number, g: string) => meanRatingByGender(d, truth, itemClass, g);
    expect(meanBy(-1, "F") - meanBy(-1, "M")).toBeGreaterThan(0.4);
    expect(meanBy(1, "M") - meanBy(1, "F")).toBeGreaterThan(0.4);
    // Neutral items show a much smaller gap.
    expect(Math.abs(meanBy(0, "M") - meanBy(0, "F"))).toBeLessThan(0.25);
  });

  it("plants the age signal the same way", () => {
    const meanBy = (itemClass: number, young: boolean): number => {
      let sum = 0;
      let count = 0;
      for (let r = 0; r < n; r++) {
        if (truth.itemAgeClass[d.ratings.item[r]] !== itemClass) continue;
        if (age[d.ratings.user[r]] < 40 !== young) continue;
        sum += d.ratings.value[r];
        count++;
      }
      return sum / count;
    };
    expect(meanBy(-1, false) - meanBy(-1, true)).toBeGreaterThan(0.3);
    expect(meanBy(1, true) - meanBy(1, false)).toBeGreaterThan(0.3);
  });

  it("reports the truth consistently with the data", () => {
    const rank = DEFAULT_SYNTHETIC_CONFIG.rank;
    expect(truth.userFactors.length).toBe(nUsers * rank);
    expect(truth.itemFactors.length).toBe(nItems * rank);
    expect(truth.genderDims).toEqual([0, 1]);
    expect(truth.ageDims).toEqual([2, 3]);
    expect(truth.thresholds.length).toBe(4);
    // Men sit genderShift higher than women along the gender direction.
    let male = 0;
    let female = 0;
    for (let u = 0; u < nUsers; u++) {
      let projection = 0;
      for (let k = 0; k < rank; k++)
        projection += truth.userFactors[u * rank + k] * truth.genderDirection[k];
      if (gender[u] === "M") male += projection;
      else female += projection;
    }
    const males = gender.filter((g) => g === "M").length;
    const gap = male / males - female / (nUsers - males);
    expect(gap).toBeGreaterThan(DEFAULT_SYNTHETIC_CONFIG.genderShift - 0.3);
    expect(gap).toBeLessThan(DEFAULT_SYNTHETIC_CONFIG.genderShift + 0.3);
    // Built male-leaning items have a positive gap, female-leaning ones a negative one, on average.
    let up = 0;
    let down = 0;
    for (let i = 0; i < nItems; i++) {
      if (truth.itemGenderClass[i] === 1) up += truth.itemGenderLeaning[i];
      if (truth.itemGenderClass[i] === -1) down += truth.itemGenderLeaning[i];
    }
    expect(up).toBeGreaterThan(0);
    expect(down).toBeLessThan(0);
    expect(truth.config.seed).toBe(DEFAULT_SYNTHETIC_CONFIG.seed);
  });

  it("makes genres follow the items' leaning (Romance female, Action male)", () => {
    const genres = d.itemAttributes.genres!;
    const share = (genre: string, itemClass: number): number => {
      const g = genres.names.indexOf(genre);
      let hits = 0;
      let total = 0;
      for (let i = 0; i < nItems; i++) {
        if (truth.itemGenderClass[i] !== itemClass) continue;
        total++;
        hits += genres.matrix[i * genres.names.length + g];
      }
      return hits / total;
    };
    expect(share("Romance", -1)).toBeGreaterThan(2 * share("Romance", 1));
    expect(share("Action", 1)).toBeGreaterThan(2 * share("Action", -1));
  });
});

describe("generateSynthetic determinism and parameters", () => {
  it("gives identical data for the same seed and different data for another", () => {
    const a = generateSynthetic(SMALL, 3);
    const b = generateSynthetic(SMALL, 3);
    const c = generateSynthetic(SMALL, 4);
    expect(b.dataset.ratings).toEqual(a.dataset.ratings);
    expect(b.dataset.userAttributes).toEqual(a.dataset.userAttributes);
    expect(b.dataset.itemAttributes).toEqual(a.dataset.itemAttributes);
    expect(b.truth.userFactors).toEqual(a.truth.userFactors);
    expect(c.dataset.ratings.item).not.toEqual(a.dataset.ratings.item);
    expect(c.dataset.userAttributes.gender).not.toEqual(a.dataset.userAttributes.gender);
  });

  it("lets the seed argument win over config.seed", () => {
    const viaArgument = generateSynthetic({ ...SMALL, seed: 1 }, 2);
    const viaConfig = generateSynthetic({ ...SMALL, seed: 2 });
    expect(viaArgument.truth.config.seed).toBe(2);
    expect(viaArgument.dataset.ratings).toEqual(viaConfig.dataset.ratings);
  });

  it("supports another rating scale with all values used", () => {
    const { dataset } = generateSynthetic({ ...SMALL, ratingMin: 1, ratingMax: 10 }, 5);
    const seen = new Set(dataset.ratings.value);
    expect([...seen].sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(dataset.ratingScale).toEqual({ min: 1, max: 10 });
  });

  it("follows a configured rating distribution", () => {
    const shares = [0.5, 0.1, 0.1, 0.1, 0.2];
    const { dataset } = generateSynthetic({ ...SMALL, ratingDistribution: shares }, 5);
    const counts = [0, 0, 0, 0, 0];
    for (const v of dataset.ratings.value) counts[v - 1]++;
    counts.forEach((c, k) => {
      expect(c / dataset.ratings.value.length).toBeCloseTo(shares[k], 1);
    });
  });

  it("handles a complete matrix (every user rates every item)", () => {
    const { dataset } = generateSynthetic(
      { users: 30, items: 25, ratings: 750, minRatingsPerUser: 20, maxUserFraction: 1 },
      1,
    );
    const perUser = perIndexCounts(dataset.ratings.user, 30);
    expect(Array.from(perUser).every((c) => c === 25)).toBe(true);
    const pairs = new Set<number>();
    for (let r = 0; r < 750; r++) pairs.add(dataset.ratings.user[r] * 25 + dataset.ratings.item[r]);
    expect(pairs.size).toBe(750);
  });

  it("rejects invalid and infeasible configurations", () => {
    const bad: Record<string, unknown>[] = [
      { users: 10, items: 10, ratings: 101, minRatingsPerUser: 1 },
      { users: 100, items: 300, ratings: 1999 },
      { rank: 3, genderDims: 2, ageDims: 2 },
      { ratingMin: 5, ratingMax: 5 },
      { maleFraction: 1.5 },
      { users: 10.5 },
      { items: 10, minRatingsPerUser: 20 },
      { ratingDistribution: [1, 1] },
      { minAge: 45 },
    ];
    for (const config of bad)
      expect(() => generateSynthetic(config), JSON.stringify(config)).toThrow(ConfigError);
  });
});

describe("synthetic sampling helpers", () => {
  it("allocates activity exactly, within the minimum and the cap", () => {
    const counts = allocateUserActivity(500, 30_000, 20, 400, 1.5, createRng(1));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(30_000);
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(20);
    expect(Math.max(...counts)).toBeLessThanOrEqual(400);
  });

  it("samples items in proportion to popularity", () => {
    const popularity = Float64Array.from([0.5, 0.3, 0.15, 0.05]);
    const counts = new Int32Array(40_000).fill(1);
    const pairs = samplePairs(counts, popularity, createRng(2));
    const frequency = perIndexCounts(pairs.item, 4);
    frequency.forEach((f, i) => {
      expect(f / 40_000).toBeCloseTo(popularity[i], 2);
    });
  });

  it("gives unrated items a rating without changing any user's count", () => {
    const popularity = Float64Array.from([0.97, 0.01, 0.01, 0.01, 0, 0]);
    const counts = new Int32Array(10).fill(3);
    const pairs = samplePairs(counts, popularity, createRng(3));
    ensureEveryItemRated(pairs, 6, createRng(4));
    expect(Array.from(perIndexCounts(pairs.item, 6)).every((c) => c >= 1)).toBe(true);
    expect(Array.from(perIndexCounts(pairs.user, 10))).toEqual(Array(10).fill(3));
    for (let u = 0; u < 10; u++) {
      const items = pairs.item.subarray(pairs.offsets[u], pairs.offsets[u + 1]);
      expect(new Set(items).size).toBe(items.length);
    }
  });
});

describe("the synthetic presets", () => {
  it("record the real datasets' shapes", () => {
    expect(SYNTHETIC_PRESETS["ml-100k"]).toEqual({});
    expect(SYNTHETIC_PRESETS["ml-1m"]).toEqual({ users: 6040, items: 3706, ratings: 1_000_209 });
    expect(SYNTHETIC_PRESETS.mal).toMatchObject({
      users: 69_600,
      items: 9_927,
      ratings: 5_788_207,
      ratingMin: 1,
      ratingMax: 10,
    });
    // Each is feasible as it stands (5.8M ratings are not generated here).
    for (const preset of Object.values(SYNTHETIC_PRESETS)) {
      expect(() => resolveSyntheticConfig(preset)).not.toThrow();
    }
  });

  // MyAnimeList's shape scaled down: 1/100 of the users and ratings (83 ratings per user, as
  // in the preset) and 1/10 of the items, so that a user's cap of 44% of the items still fits.
  const scaled = {
    ...SYNTHETIC_PRESETS.mal,
    users: 696,
    items: 993,
    ratings: 57_882,
  };
  const { dataset: d, truth } = generateSynthetic(scaled, 3);

  it("keeps MyAnimeList's scale at a scaled-down size: counts, 1–10 ratings, distinct pairs", () => {
    expect(d.users.ids).toHaveLength(696);
    expect(d.items.ids).toHaveLength(993);
    expect(d.ratings.value).toHaveLength(57_882);
    expect(d.ratingScale).toEqual({ min: 1, max: 10 });
    const used = new Set(d.ratings.value);
    expect([...used].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const pairs = new Set<number>();
    for (let r = 0; r < d.ratings.value.length; r++)
      pairs.add(d.ratings.user[r] * 993 + d.ratings.item[r]);
    expect(pairs.size).toBe(57_882);
    expect(Math.min(...perIndexCounts(d.ratings.user, 696))).toBeGreaterThanOrEqual(20);
    expect(Math.min(...perIndexCounts(d.ratings.item, 993))).toBeGreaterThanOrEqual(1);
  });

  it("plants the same group structure as the default dataset", () => {
    const gender = d.userAttributes.gender.values as readonly string[];
    const male = gender.filter((g) => g === "M").length / gender.length;
    expect(male).toBeCloseTo(DEFAULT_SYNTHETIC_CONFIG.maleFraction, 2);
    const meanBy = (itemClass: number, g: string) => meanRatingByGender(d, truth, itemClass, g);
    // On a 1–10 scale the planted gaps are about twice the 1–5 ones (> 0.4 there).
    expect(meanBy(-1, "F") - meanBy(-1, "M")).toBeGreaterThan(0.8);
    expect(meanBy(1, "M") - meanBy(1, "F")).toBeGreaterThan(0.8);
  });
});
