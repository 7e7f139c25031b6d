import { describe, expect, it } from "vitest";
import { compareGroupMethods, groupQuality } from "../../src/apply/groupQuality.js";

describe("groupQuality", () => {
  // Users [1] and [−1]; items [3], [1], [−2]; the group's list is items 0 and 1.
  const users = Float32Array.from([1, -1]);
  const items = Float32Array.from([3, 1, -2]);
  const members = Int32Array.from([0, 1]);
  const list = Int32Array.from([0, 1]);

  it("gives each member's mean and minimum predicted rating and the overlap with the member's own list", () => {
    const q = groupQuality(users, items, 1, members, list, { memberTop: 1 });
    // Member 0 predicts (3, 1), own top-1 = item 0; member 1 predicts (−3, −1), own top-1 = item 2.
    expect(Array.from(q.memberMean)).toEqual([2, -2]);
    expect(Array.from(q.memberMin)).toEqual([1, -3]);
    expect(Array.from(q.memberOverlap)).toEqual([0.5, 0]);
    expect(q.mean).toEqual({ meanRating: 0, minRating: -1, overlap: 0.25 });
    expect(q.worst).toEqual({ meanRating: -2, minRating: -3, overlap: 0 });
  });

  it("leaves each member's excluded items out of that member's own list", () => {
    const memberExclude = [new Uint8Array(3), Uint8Array.from([0, 0, 1])];
    const q = groupQuality(users, items, 1, members, list, { memberTop: 1, memberExclude });
    // Member 1's top-1 among items 0 and 1 is item 1 (−1 > −3).
    expect(Array.from(q.memberOverlap)).toEqual([0.5, 0.5]);
  });

  it("rejects an empty list and unknown items", () => {
    expect(() => groupQuality(users, items, 1, members, new Int32Array(0))).toThrow(/empty/);
    expect(() => groupQuality(users, items, 1, members, Int32Array.from([3]))).toThrow(/item/);
  });

  it("compares the methods that need no attributes when none are given", () => {
    const results = compareGroupMethods(users, items, 1, members, { top: 2 });
    expect(results.map((r) => r.method)).toEqual(["mean", "median", "vote"]);
    for (const r of results) expect(r.quality.memberMean.length).toBe(2);
  });
});
