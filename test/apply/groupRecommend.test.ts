import { describe, expect, it } from "vitest";
import { groupRatedMask, recommendForGroup } from "../../src/apply/groupRecommend.js";
import { scoreItems, topItems } from "../../src/apply/itemScores.js";

describe("recommendForGroup", () => {
  // Two users × one factor; six items × one factor.
  const users = Float32Array.from([1, 3]);
  const items = Float32Array.from([5, -1, 4, 0.5, 4, 2]);

  it("scores items by the virtual user's dot product, best first, ties by lower index", () => {
    const r = recommendForGroup(users, items, 1, Int32Array.from([0, 1]), "mean", { top: 4 });
    expect(Array.from(r.virtualUser)).toEqual([2]);
    expect(Array.from(r.items)).toEqual([0, 2, 4, 5]);
    expect(Array.from(r.scores)).toEqual([10, 8, 8, 4]);
  });

  it("leaves out the excluded items and returns fewer when not enough are left", () => {
    const exclude = Uint8Array.from([1, 0, 1, 0, 0, 1]);
    const r = recommendForGroup(users, items, 1, Int32Array.from([0, 1]), "median", {
      top: 10,
      exclude,
    });
    expect(Array.from(r.items)).toEqual([4, 3, 1]);
    for (let i = 1; i < r.scores.length; i++)
      expect(r.scores[i]).toBeLessThanOrEqual(r.scores[i - 1]);
    for (const item of r.items) expect(exclude[item]).toBe(0);
  });

  it("builds the mask of items rated by any member", () => {
    const ratings = { user: Int32Array.from([0, 1, 2, 1]), item: Int32Array.from([0, 3, 1, 4]) };
    expect(Array.from(groupRatedMask(ratings, Int32Array.from([0, 1]), 6))).toEqual([
      1, 0, 0, 1, 1, 0,
    ]);
  });

  it("validates top and the mask length", () => {
    const scores = scoreItems(items, 1, [1]);
    expect(() => topItems(scores, -1)).toThrow(/top/);
    expect(() => topItems(scores, 3, new Uint8Array(2))).toThrow(/mask/);
  });
});

describe("topItems", () => {
  it("gives the order of a full sort (score down, index up on ties) for short and long lists", () => {
    let state = 12345;
    const next = () => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state / 2 ** 32;
    };
    for (const n of [1, 7, 200, 1000]) {
      // Few distinct values, so ties are common.
      const scores = Float64Array.from({ length: n }, () => Math.round(next() * 20) / 4);
      const exclude = Uint8Array.from({ length: n }, () => (next() < 0.3 ? 1 : 0));
      const sorted = Array.from(scores.keys())
        .filter((i) => exclude[i] === 0)
        .sort((a, b) => scores[b] - scores[a] || a - b);
      for (const top of [0, 1, 5, 10, 64, 65, 300]) {
        expect(Array.from(topItems(scores, top, exclude)), `n ${n} top ${top}`).toEqual(
          sorted.slice(0, top),
        );
        expect(Array.from(topItems(scores, top))).toEqual(
          Array.from(scores.keys())
            .sort((a, b) => scores[b] - scores[a] || a - b)
            .slice(0, top),
        );
      }
    }
  });
});
