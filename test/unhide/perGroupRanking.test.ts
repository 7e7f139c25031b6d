import { describe, expect, it } from "vitest";
import { perGroupRanking } from "../../src/unhide/perGroupRanking.js";

describe("perGroupRanking", () => {
  it("alternates the majority's and the minority's favourite factors, skipping repeats", () => {
    // Majority likes 3 > 0 > 1 > 2; minority likes 3 > 2 > 1 > 0.
    const order = perGroupRanking([0.8, 0.5, 0.1, 1], [0, 0.4, 0.9, 1]);
    expect(Array.from(order)).toEqual([3, 2, 0, 1]);
  });

  it("is a permutation of all factors", () => {
    const a = Float64Array.from({ length: 50 }, (_, i) => Math.sin(i));
    const b = Float64Array.from({ length: 50 }, (_, i) => Math.cos(i * 1.3));
    const order = Array.from(perGroupRanking(a, b));
    expect([...order].sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });
});
