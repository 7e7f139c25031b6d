import { describe, expect, it } from "vitest";
import type { Ratings } from "../../src/data/dataset.js";
import { ConfigError } from "../../src/errors.js";
import { splitRatings } from "../../src/mf/splitRatings.js";
import { createRng } from "../../src/util/rng.js";
import { plantedRatings } from "./plantedRatings.js";

/** Ratings as sortable "user/item/value" keys, to compare multisets. */
function keys(r: Ratings): string[] {
  return Array.from(r.value, (v, x) => `${r.user[x]}/${r.item[x]}/${v}`).sort();
}

/** A sparse set where many users and items have a single rating. */
function sparse(): Ratings {
  const rng = createRng(5);
  const n = 400;
  return {
    user: Int32Array.from({ length: n }, () => rng.int(150)),
    item: Int32Array.from({ length: n }, () => rng.int(200)),
    value: Float32Array.from({ length: n }, () => 1 + rng.int(5)),
  };
}

describe("splitRatings", () => {
  for (const [name, ratings] of [
    ["dense", plantedRatings(60, 40, 2, 0.5, 0.1, 3)],
    ["sparse", sparse()],
  ] as const) {
    it(`partitions ${name} ratings and keeps every user and item in train`, () => {
      const { train, test } = splitRatings(ratings, 0.2, createRng(9));
      expect([...keys(train), ...keys(test)].sort()).toEqual(keys(ratings));
      const trainUsers = new Set(train.user);
      const trainItems = new Set(train.item);
      for (const u of ratings.user) expect(trainUsers.has(u)).toBe(true);
      for (const i of ratings.item) expect(trainItems.has(i)).toBe(true);
      const n = ratings.value.length;
      expect(test.value.length).toBeLessThanOrEqual(Math.round(0.2 * n));
      if (name === "dense") expect(test.value.length).toBe(Math.round(0.2 * n));
      else expect(test.value.length).toBeGreaterThan(0);
    });
  }

  it("is deterministic per seed and differs between seeds", () => {
    const ratings = plantedRatings(60, 40, 2, 0.5, 0.1, 3);
    const a = splitRatings(ratings, 0.25, createRng(1));
    const b = splitRatings(ratings, 0.25, createRng(1));
    const c = splitRatings(ratings, 0.25, createRng(2));
    expect(a).toEqual(b);
    expect(keys(a.test)).not.toEqual(keys(c.test));
  });

  it("puts nothing in test when every user has one rating, and everything in train at 0", () => {
    const single: Ratings = {
      user: Int32Array.of(0, 1, 2, 3),
      item: Int32Array.of(0, 0, 1, 1),
      value: Float32Array.of(1, 2, 3, 4),
    };
    expect(splitRatings(single, 0.5, createRng(1)).test.value).toHaveLength(0);
    const dense = plantedRatings(10, 10, 2, 0.8, 0.1, 1);
    expect(splitRatings(dense, 0, createRng(1)).train).toEqual(dense);
  });

  it("rejects fractions outside [0, 1)", () => {
    const r = plantedRatings(5, 5, 1, 1, 0, 1);
    for (const f of [-0.1, 1, 1.5, Number.NaN]) {
      expect(() => splitRatings(r, f, createRng(1))).toThrow(ConfigError);
    }
  });
});
