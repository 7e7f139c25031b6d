import { describe, expect, it } from "vitest";
import { createIdMap, type Dataset } from "../../src/data/dataset.js";
import { ConfigError } from "../../src/errors.js";
import { type E4Input, itemWeights, runE4 } from "../../src/evaluate/experiments/e4.js";

// Users 0, 1 majority; 2, 3 minority. Five items, k = 3.
const pairs: [number, number][] = [
  [0, 0],
  [1, 0], // item 0: majority only
  [2, 1],
  [3, 1], // item 1: minority only
  [0, 2],
  [2, 2], // item 2: half and half
  [0, 3],
  [1, 3],
  [2, 3], // item 3: one third minority
  [3, 4], // item 4: one rating, never eligible
];

function dataset(titles?: string[]): Dataset {
  return {
    name: "tiny",
    users: createIdMap(["u0", "u1", "u2", "u3"]),
    items: createIdMap(["i0", "i1", "i2", "i3", "i4"]),
    ratings: {
      user: Int32Array.from(pairs, ([u]) => u),
      item: Int32Array.from(pairs, ([, i]) => i),
      value: new Float32Array(pairs.length).fill(4),
    },
    ratingScale: { min: 1, max: 5 },
    userAttributes: {},
    itemAttributes: titles === undefined ? {} : { titles },
    sources: [],
  };
}

// Top 2 of p̃M = {0, 2}, of p̃m = {1, 2}; factor 1 (0.1) and factor 0 (0.05) are left out.
const base: E4Input = {
  dataset: dataset(["Zero", "One", "Two", "Three", "Four"]),
  itemFactors: Float32Array.of(1, 0, 0, 0, 1, 0, 0, 0, 2, 2, 2, 0, 0, 3, 0),
  normalizedMajority: Float64Array.of(1, 0.1, 0.5),
  normalizedMinority: Float64Array.of(0.05, 1, 0.2),
  labels: Uint8Array.of(1, 1, 0, 0),
  topFactors: 2,
  minRatings: 2,
  listSize: 2,
};

describe("itemWeights", () => {
  it("sums only the selected factors, weighted by the archetype", () => {
    const q = base.itemFactors;
    expect(Array.from(itemWeights(q, 3, base.normalizedMajority, [0, 2]))).toEqual([1, 0, 1, 2, 0]);
    const minority = itemWeights(q, 3, base.normalizedMinority, [1, 2]);
    expect(Array.from(minority)).toEqual([0, 1, 0.4, 2, 3]);
  });
});

describe("runE4", () => {
  const result = runE4(base);

  it("keeps only items with enough ratings and counts the minority's share", () => {
    expect(result.eligibleItems).toBe(4);
    expect(result.datasetMinorityShare).toBe(5 / 10);
    expect(result).toMatchObject({ topFactors: 2, minRatings: 2 });
  });

  it("lists the top items by each weight with their ratings and shares", () => {
    // w_m: item 4 (3) is ineligible; then item 3 (2), item 1 (1).
    expect(result.minorityItems).toEqual([
      { item: "i3", title: "Three", weight: 2, ratings: 3, minorityShare: 1 / 3 },
      { item: "i1", title: "One", weight: 1, ratings: 2, minorityShare: 1 },
    ]);
    // w_M: item 3 (2), then items 0 and 2 tie at 1 and the lower index wins.
    expect(result.majorityItems.map((i) => [i.item, i.weight, i.minorityShare])).toEqual([
      ["i3", 2, 1 / 3],
      ["i0", 1, 0],
    ]);
  });

  it("correlates w_m − w_M with the minority share over eligible items", () => {
    // w_m − w_M = [−1, 1, −0.6, 0] ranks [1, 4, 2, 3]; shares [0, 1, ½, ⅓] ranks [1, 4, 3, 2]:
    // Σd² = 2 → ρ = 1 − 6·2/(4·15) = 0.8.
    expect(result.spearman).toBeCloseTo(0.8, 6);
  });

  it("falls back to the item id without titles and honours the defaults", () => {
    const untitled = runE4({ ...base, dataset: dataset() });
    expect(untitled.minorityItems[0].title).toBe("i3");
    const defaults = runE4({
      ...base,
      topFactors: undefined,
      minRatings: undefined,
      listSize: undefined,
      normalizedMajority: new Float64Array(20),
      normalizedMinority: new Float64Array(20),
      itemFactors: new Float32Array(5 * 20),
    });
    expect(defaults).toMatchObject({ topFactors: 20, minRatings: 75, eligibleItems: 0 });
    expect(defaults.minorityItems).toEqual([]);
    expect(defaults.spearman).toBeNaN();
  });

  it("rejects inconsistent shapes", () => {
    expect(() => runE4({ ...base, itemFactors: new Float32Array(14) })).toThrow(ConfigError);
    expect(() => runE4({ ...base, labels: Uint8Array.of(1, 0) })).toThrow(ConfigError);
    expect(() => runE4({ ...base, topFactors: 4 })).toThrow(ConfigError);
  });
});
