import { describe, expect, it } from "vitest";
import {
  factorPercentiles,
  type GroupAttribute,
  percentileOfSorted,
  virtualUser,
} from "../../src/apply/groupVirtualUser.js";
import { ConfigError } from "../../src/errors.js";

// Four users × two factors; columns sorted: [1, 2, 4, 10] and [0, 10, 20, 40].
const factors = Float32Array.from([1, 10, 2, 20, 4, 40, 10, 0]);
const K = 2;
const group = (...m: number[]) => Int32Array.from(m);

describe("percentiles (numpy's linear interpolation)", () => {
  it("interpolates at (n − 1)q", () => {
    const sorted = [1, 2, 4, 10];
    expect(percentileOfSorted(sorted, 0.1)).toBeCloseTo(1.3, 12);
    expect(percentileOfSorted(sorted, 0.5)).toBeCloseTo(3, 12);
    expect(percentileOfSorted(sorted, 0.9)).toBeCloseTo(8.2, 12);
    expect(percentileOfSorted(sorted, 1)).toBe(10);
    expect(percentileOfSorted([5], 0.9)).toBe(5);
  });

  it("computes each factor's 10th, 50th and 90th percentile over all users", () => {
    const p = factorPercentiles(factors, K);
    expect(Array.from(p.p10)).toEqual([expect.closeTo(1.3, 12), expect.closeTo(3, 12)]);
    expect(Array.from(p.p50)).toEqual([3, 15]);
    expect(Array.from(p.p90)).toEqual([expect.closeTo(8.2, 12), expect.closeTo(34, 12)]);
  });
});

describe("virtualUser", () => {
  it("mean: the members' element-wise mean", () => {
    const v = virtualUser(factors, K, group(0, 1, 2), "mean");
    expect(v[0]).toBeCloseTo(7 / 3, 12);
    expect(v[1]).toBeCloseTo(70 / 3, 12);
  });

  it("median: the middle value for an odd count, the mean of the two middle ones for an even count", () => {
    expect(Array.from(virtualUser(factors, K, group(0, 1, 2), "median"))).toEqual([2, 20]);
    expect(Array.from(virtualUser(factors, K, group(0, 1, 2, 3), "median"))).toEqual([3, 15]);
    expect(Array.from(virtualUser(factors, K, group(3, 0), "median"))).toEqual([5.5, 5]);
  });

  it("vote: majority above the population median → 90th percentile, below → 10th, tie → 50th", () => {
    // Factor 0: both below 3 → 10th percentile; factor 1: 10 < 15 < 20 → a tie → median.
    const low = virtualUser(factors, K, group(0, 1), "vote");
    expect(low[0]).toBeCloseTo(1.3, 12);
    expect(low[1]).toBe(15);
    // Factor 0: both above → 90th; factor 1: 40 above, 0 below → tie → median.
    const high = virtualUser(factors, K, group(2, 3), "vote");
    expect(high[0]).toBeCloseTo(8.2, 12);
    expect(high[1]).toBe(15);
  });

  it("vote: a member exactly on the median casts no vote", () => {
    const column = Float32Array.from([0, 1, 2, 3, 4]); // median 2, 10th 0.4, 90th 3.6
    expect(virtualUser(column, 1, group(2), "vote")[0]).toBe(2);
    expect(virtualUser(column, 1, group(2, 2, 2), "vote")[0]).toBe(2);
    expect(virtualUser(column, 1, group(2, 3), "vote")[0]).toBeCloseTo(3.6, 12);
    expect(virtualUser(column, 1, group(1, 2), "vote")[0]).toBeCloseTo(0.4, 12);
    expect(virtualUser(column, 1, group(1, 3), "vote")[0]).toBe(2);
  });

  describe("demographic", () => {
    const attribute: GroupAttribute = {
      labels: Uint8Array.from([1, 1, 0, 0]),
      archetypes: {
        majority: { vector: Float64Array.from([100, -100]) },
        minority: { vector: Float64Array.from([0, 0]) },
      },
      profile: { relevancy: Float64Array.from([1, 0.5]) },
    };

    it("pulls a unanimous group toward its archetype, clipped to [p10, p90], by relevancy", () => {
      // mean = (1.5, 15); targets clip(100) = 8.2, clip(−100) = 3.
      const v = virtualUser(factors, K, group(0, 1), "demographic", { attributes: [attribute] });
      expect(v[0]).toBeCloseTo(8.2, 12);
      expect(v[1]).toBeCloseTo(15 + 0.5 * (3 - 15), 12);
    });

    it("scales the pull by the dominance 2f − 1 and the strength", () => {
      const v = virtualUser(factors, K, group(0, 1, 2), "demographic", {
        attributes: [attribute],
        strength: 0.5,
      });
      const mean = [7 / 3, 70 / 3];
      const w = 0.5 * (2 * (2 / 3) - 1);
      expect(v[0]).toBeCloseTo(mean[0] + w * 1 * (8.2 - mean[0]), 12);
      expect(v[1]).toBeCloseTo(mean[1] + w * 0.5 * (3 - mean[1]), 12);
    });

    it("equals the mean for an evenly split group or strength 0", () => {
      const mean = virtualUser(factors, K, group(0, 2), "mean");
      const ctx = { attributes: [attribute] };
      expect(virtualUser(factors, K, group(0, 2), "demographic", ctx)).toEqual(mean);
      expect(virtualUser(factors, K, group(0, 1), "demographic", { ...ctx, strength: 0 })).toEqual(
        virtualUser(factors, K, group(0, 1), "mean"),
      );
    });

    it("averages the pulls of several attributes (weights divided by their number)", () => {
      const v = virtualUser(factors, K, group(0, 1), "demographic", {
        attributes: [attribute, attribute],
      });
      expect(v[0]).toBeCloseTo(8.2, 12);
    });

    it("needs the attributes", () => {
      expect(() => virtualUser(factors, K, group(0), "demographic")).toThrow(ConfigError);
    });
  });

  it("rejects an empty group, unknown members and a bad method", () => {
    expect(() => virtualUser(factors, K, group(), "mean")).toThrow(/empty/);
    expect(() => virtualUser(factors, K, group(4), "mean")).toThrow(/not a user index/);
    expect(() => virtualUser(factors, K, group(-1), "median")).toThrow(ConfigError);
    // @ts-expect-error: an unknown method from untyped input
    expect(() => virtualUser(factors, K, group(0), "max")).toThrow(/unknown group method/);
    expect(() => virtualUser(factors, 3, group(0), "mean")).toThrow(/multiple of k/);
  });
});
